// Suite teardown: named steps run in order, each on its own — one that fails is logged and the rest still run.

export type CleanupStep = [name: string, step: () => Promise<unknown> | void];

export async function cleanUp(steps: CleanupStep[]): Promise<void> {
  for (const [name, step] of steps) {
    try {
      await step();
    } catch (e) {
      console.error(`cleanup of ${name} failed:`, e);
    }
  }
}
