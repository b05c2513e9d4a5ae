// Block Kit as Slack types it: the renderer's output is declared with @slack/types (Slack's
// own Block Kit types), so `tsc --noEmit` (npm test) refuses a block, element or field Slack
// does not know. These lines pin the declarations, so the check cannot quietly fall back to
// `unknown` again (the stamped message after a click was untyped before).
import type { AnyBlock, HomeView, KnownBlock, ModalView } from '@slack/types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { renderFormModal, renderHome, renderMessage, withChoiceShown } from '../../adapters/slack/render.js';
import { everyBlockMessage, largeMessage } from '../contract/messages.js';

describe('Block Kit typed with @slack/types', () => {
  it('declares every output of the renderer with Slack’s own types', () => {
    expectTypeOf(renderMessage).returns.toEqualTypeOf<{ text: string; blocks: KnownBlock[] }>();
    expectTypeOf(renderHome).returns.toEqualTypeOf<HomeView>();
    expectTypeOf(renderFormModal).returns.toEqualTypeOf<ModalView>();
    expectTypeOf(withChoiceShown).parameter(0).toEqualTypeOf<AnyBlock[]>();
    expectTypeOf(withChoiceShown).returns.toEqualTypeOf<AnyBlock[]>();
  });

  it('stamps a choice into blocks that stay Block Kit', () => {
    for (const msg of [everyBlockMessage(), largeMessage()]) {
      const { blocks } = renderMessage(msg);
      const clicked = blocks.find((b) => b.type === 'actions')!;
      const stamped: AnyBlock[] = withChoiceShown(
        blocks.map((b, i) => ({ ...b, block_id: `b${i}` })),
        `b${blocks.indexOf(clicked)}`,
        'Yes',
      );
      // The card was used: no actions are left, and the choice stands where the clicked ones were.
      expect(stamped.filter((b) => b.type === 'actions')).toHaveLength(0);
      expect(stamped.find((b) => b.block_id === `b${blocks.indexOf(clicked)}`)).toMatchObject({ type: 'context', elements: [{ type: 'mrkdwn', text: '✓ Yes' }] });
    }
  });
});
