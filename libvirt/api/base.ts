// What the typed method groups build on: a typed `invoke(name, args)` over the procedure table.
import { EventEmitter } from 'node:events';
import type { RpcClient } from '../rpc/index.ts';
import { procedures, type ProcedureName, type Procedure } from '../protocol/index.ts';

type Table = typeof procedures;
export type ArgsOf<N extends ProcedureName> = Table[N] extends Procedure<infer A, any> ? A : never;
export type RetOf<N extends ProcedureName> = Table[N] extends Procedure<any, infer R> ? R : never;

/** Base of every method group; the Connection supplies the transport. */
export abstract class Caller extends EventEmitter {
  protected abstract invoke<N extends ProcedureName>(name: N, args: ArgsOf<N>): Promise<RetOf<N>>;
  protected abstract get rpc(): RpcClient;
}

/** Copy the methods of each group onto the target class (TypeScript's documented mixin pattern). */
export function applyMixins(target: { prototype: object }, groups: { prototype: object }[]): void {
  for (const g of groups) {
    for (const name of Object.getOwnPropertyNames(g.prototype)) {
      if (name === 'constructor') continue;
      Object.defineProperty(target.prototype, name, Object.getOwnPropertyDescriptor(g.prototype, name)!);
    }
  }
}
