// Types for pino-roll (it ships none): the options we use, and the SonicBoom stream it resolves to.
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  interface PinoRollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
    sync?: boolean;
    mkdir?: boolean;
  }
  export default function roll(options: PinoRollOptions): Promise<SonicBoom & { file: string }>;
}
