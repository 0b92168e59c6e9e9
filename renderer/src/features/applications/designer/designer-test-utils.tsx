import { validateApplicationDefinition, type ApplicationDefinition } from '../../../../../common/domain/application-definition';
import { DataTree } from './DataTree';
import { useDesignerStore, type Selection } from './designer-store';
import { PropertyPanel } from './PropertyPanel';

/** Opens `definition` in the designer store (as if loaded from the portal) with `selection` selected. */
export function openInStore(definition: ApplicationDefinition, selection: Selection | null = null): void {
  const store = useDesignerStore.getState();
  store.open('00000000-0000-4000-8000-000000000001', definition, { etag: '"1"', version: 1 }, null);
  store.select(selection);
}

export const currentDefinition = (): ApplicationDefinition => useDesignerStore.getState().definition;

/** The property panel and the data tree on the store's definition, as the designer page wires them. */
export function StoreBoundPanels({ tree = false }: { tree?: boolean }) {
  const definition = useDesignerStore((state) => state.definition);
  return (
    <>
      {tree && <DataTree dataGroups={definition.dataGroups} withIssues={new Set()} />}
      <PropertyPanel issues={validateApplicationDefinition(definition)} />
    </>
  );
}
