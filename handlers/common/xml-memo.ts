// A bounded memo of a pure function of an XML text: lists that read 1000 domain XMLs parse only the ones that changed.
/**
 * The same text always gives the same result, so nothing here can go stale: a change in libvirt's XML is a new
 * key. Results are frozen by the caller's contract (never mutate them). Oldest entries are evicted first.
 */
export function memoByText<T>(fn: (xml: string) => T, max = 8192): (xml: string) => T {
  const memo = new Map<string, T>();
  return (xml) => {
    if (memo.has(xml)) return memo.get(xml)!;
    const v = fn(xml);
    if (memo.size >= max) memo.delete(memo.keys().next().value!);
    memo.set(xml, v);
    return v;
  };
}
