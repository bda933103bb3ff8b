// A registered host's own client does the same (issue 15 on many hosts): qemu:///system registered as `kvm` beside a
// test-driver `local` — an install that ended before it connected is swept then, a stop there cleans up at once.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFixture } from '../helpers/fixture.ts';
import { PREFIX, uaKit, type UaKit } from './kit.ts';
import { createInstall, dom, ISOS, uaServer, until } from './server-kit.ts';

let k: UaKit;
test.before(async () => { k = await uaKit(); });
test.after(async () => { await k.cleanup(); });

test('on a registered host, through its own client: a run that ended before it connected is swept, a stop there cleans up', async () => {
  const ended = `${PREFIX}remote-swept`;
  const running = `${PREFIX}remote-ends`;
  await createInstall(k, ended, 'windows');
  await createInstall(k, running, 'debian');
  await k.conn.domainDestroy(await dom(k, ended));
  const fx = writeFixture({ domains: [] });
  const s = await uaServer(k, { local: fx.uri, registered: true });
  try {
    await s.swept('kvm');
    let left = await k.volumes();
    assert.not.ok(left.includes(`${ended}-install-script.iso`), 'swept when the host connected');
    assert.ok(left.includes(`${running}-install-initrd.img`), 'the running install keeps its volumes');

    await k.conn.domainDestroy(await dom(k, running));
    await until(async () => !(await k.volumes()).includes(`${running}-install-initrd.img`), 'the stop on kvm removed them');
    left = await k.volumes();
    assert.equal(left.filter((v) => v.startsWith(PREFIX)), [`${running}-0.qcow2`, `${ended}-0.qcow2`]);
    assert.ok(s.lines.some((l) => l.includes('unattended install ended') && l.includes('"host":"kvm"') && l.includes(running)), 'logged as kvm\'s');
  } finally {
    await s.kimchi.close();
    fx.cleanup();
  }
  for (const n of [ended, running]) assert.is((await k.send('DELETE', `/api/vms/${n}`)).status, 204);
  assert.equal(await k.volumes(), ISOS);
});

test.run();
