// The New template form reads a disk size typed with pt-BR's decimal comma as well as with a point.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkForm, emptyForm, toInput } from '../../ui/templates/form.ts';

test('a disk of "1,5" GiB is valid and sent as 1.5, like "1.5"; "1,5,0" is not', () => {
  for (const disk of ['1,5', '1.5']) {
    const form = { ...emptyForm(), name: 'kimchi-t11p-x', disk };
    assert.equal(checkForm(form), {});
    assert.equal(toInput(form).disks, [{ size: 1.5 }]);
  }
  assert.is(checkForm({ ...emptyForm(), name: 'x', disk: '1,5,0' }).disk, 'templateForm.diskInvalid');
});

test.run();
