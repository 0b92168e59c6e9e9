import { css } from '@codemirror/lang-css';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { checkCss } from '../../../../common/domain/css-check';

/** The same check the portal runs on save, as editor markers. */
function cssDiagnostics(view: EditorView, messageOf: (code: string, line: number, column: number) => string): Diagnostic[] {
  const source = view.state.doc.toString();
  return checkCss(source).map((issue) => ({
    from: Math.min(issue.from, source.length),
    to: Math.min(issue.to, source.length),
    severity: 'error',
    message: messageOf(issue.code, issue.line, issue.column),
  }));
}

interface CssEditorProps {
  value: string;
  onChange: (value: string) => void;
  label: string;
  messageOf: (code: string, line: number, column: number) => string;
}

/** CodeMirror 6 with CSS highlighting and the portal's syntax check. */
export function CssEditor({ value, onChange, label, messageOf }: CssEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, messageOf });

  useEffect(() => {
    latest.current = { onChange, messageOf };
  }, [onChange, messageOf]);

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      doc: value,
      parent: host.current,
      extensions: [
        basicSetup,
        css(),
        lintGutter(),
        linter((editorView) => cssDiagnostics(editorView, (...args) => latest.current.messageOf(...args)), { delay: 300 }),
        EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'css-editor-content' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
        EditorView.theme({ '&': { minHeight: '220px', maxHeight: '420px', fontSize: '13px' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later values arrive through the effect below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [label]);

  // A value from outside (another version taken after a conflict, a discarded draft) replaces the text.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  return <div ref={host} style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }} data-testid="css-editor" />;
}
