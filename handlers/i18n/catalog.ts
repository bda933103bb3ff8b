// The shape of a message catalog area: en-US defines the keys, every other locale must translate each of them.
export type Catalog<T> = { readonly [K in keyof T]: string };
