// VM locks as handlers see them: a 409 while another long operation (clone, template from VM) holds the VM.
import { lockVm, unlockVm, vmLock, type Db } from '../../db/index.ts';
import { KimchiError } from '../common/errors.ts';

/** Throw 409 KCHVMCR0006E when an operation holds the VM's lock; `name` only shapes the message. */
export function assertUnlocked(db: Db, uuid: string, name: string = uuid): void {
  const lock = vmLock(db, uuid);
  if (lock) throw new KimchiError(409, 'KCHVMCR0006E', { name, operation: lock.operation });
}

/** Take the VM's lock for `operation` or throw the same 409; returns the release function. */
export function takeVmLock(db: Db, uuid: string, name: string, operation: string): () => void {
  if (lockVm(db, uuid, operation)) return () => unlockVm(db, uuid);
  throw new KimchiError(409, 'KCHVMCR0006E', { name, operation: vmLock(db, uuid)?.operation ?? operation });
}

/**
 * Reserve a new VM name while a task makes it, so two requests (on any handler instance) never pick the same
 * generated name; the reservation lives in vm_locks under `name:<name>`, cleared with the other locks at start.
 */
export function reserveVmName(db: Db, name: string, operation: string): (() => void) | undefined {
  const key = `name:${name}`;
  return lockVm(db, key, operation) ? () => unlockVm(db, key) : undefined;
}

export const isNameReserved = (db: Db, name: string): boolean => vmLock(db, `name:${name}`) !== undefined;
