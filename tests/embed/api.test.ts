// Both embedding examples as their own processes on a test-driver fixture: the host's route, our API and events at
// /virt with the host's login (refused without it), the docs under /virt, and a SIGTERM after which the process exits.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFixture, type Fixture } from '../helpers/fixture.ts';
import { cleanUp } from '../helpers/cleanup.ts';
import { EXAMPLES, ensureLibBuilt, startExample, type Example, type RunningHost } from './host.ts';

/** Read an event stream until `re` matches what arrived; then cancel it. */
async function readStream(body: ReadableStream<Uint8Array>, re: RegExp): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!re.test(text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`the stream ended before ${re}; got ${JSON.stringify(text)}`);
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

function exampleSuite(example: Example): void {
  const test = suite(example.dir);
  const s: { fx?: Fixture; host?: RunningHost } = {};
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${s.host!.url}${path}`, { headers });

  test.before(async () => {
    ensureLibBuilt();
    s.fx = writeFixture({ domains: ['web-1', 'db-2'] });
    s.host = await startExample(example, s.fx.uri);
  });
  test.after(() => cleanUp([
    ['host', () => s.host?.stop()],
    ['fixture', () => s.fx?.cleanup()],
  ]));

  test('the host\'s own page answers, behind the host\'s own login', async () => {
    const page = await get('/', example.admin);
    assert.is(page.status, 200);
    assert.match(await page.text(), example.hostPage);
    assert.is((await get('/')).status, 401);
  });

  test('/virt/api/vms lists the fixture\'s guests for the host\'s administrator and refuses a caller the host does not know', async () => {
    const r = await get('/virt/api/vms', example.admin);
    assert.is(r.status, 200);
    assert.equal((await r.json() as Array<{ name: string }>).map((v) => v.name).sort(), ['db-2', 'web-1']);
    const anonymous = await get('/virt/api/vms');
    assert.is(anonymous.status, 401);
    const wrong = await get('/virt/api/vms', { Authorization: 'Basic bWFsbG9yeTpndWVzcw==' }); // mallory:guess
    assert.is(wrong.status, 401);
  });

  test('the host says who is an administrator: its other user sees no unshared guest and may not change the host', async () => {
    const list = await get('/virt/api/vms', example.user);
    assert.is(list.status, 200);
    assert.equal(await list.json(), []);
    const session = await (await get('/virt/api/session', example.user)).json() as { username: string; admin: boolean };
    assert.equal([session.username, session.admin], ['bob', false]);
    const create = await fetch(`${s.host!.url}/virt/api/networks`, {
      method: 'POST', headers: { ...example.user, 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'kimchi-test-embed-net' }),
    });
    assert.is(create.status, 403);
    assert.is((await create.json() as { code: string }).code, 'KCHAUTH0003E');
  });

  test('/virt/api/events streams server-sent events to the host\'s user', async () => {
    const r = await get('/virt/api/events', example.admin);
    assert.is(r.status, 200);
    assert.match(r.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.match(await readStream(r.body!, /event: config\ndata: \{.*\}\n/), /"state"|"problem"|\{/);
    assert.is((await get('/virt/api/events')).status, 401);
  });

  test('the API page and the OpenAPI document live under /virt and point there', async () => {
    const page = await get('/virt/api/docs', example.admin);
    assert.is(page.status, 200);
    assert.match(await page.text(), /src="\/virt\/api\/docs\/init\.js"/);
    const init = await (await get('/virt/api/docs/init.js', example.admin)).text();
    assert.match(init, /url: '\/virt\/api\/openapi\.json'/);
    const doc = await (await get('/virt/api/openapi.json', example.admin)).json() as { servers: Array<{ url: string }> };
    assert.equal(doc.servers, [{ url: '/virt/api' }]);
  });

  test('SIGTERM: close() ends an open event stream and the process exits by itself, with no handle left open', async () => {
    const r = await get('/virt/api/events', example.admin);
    const reader = r.body!.getReader();
    await reader.read(); // the stream is open
    const drained = (async () => { for (;;) if ((await reader.read()).done) return true; })().catch(() => true);
    const ended = await s.host!.stop();
    assert.equal(ended, { code: 0, signal: null, killed: false }, s.host!.output());
    assert.ok(await drained);
  });

  test.run();
}

for (const example of EXAMPLES) exampleSuite(example);
