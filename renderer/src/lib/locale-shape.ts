/** A locale file: nested keys with string leaves. */
export interface LocaleTree {
  readonly [key: string]: string | LocaleTree;
}

/** The English file must have exactly the keys of the German one (checked by the compiler). */
export type SameShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : SameShape<T[K]> };
