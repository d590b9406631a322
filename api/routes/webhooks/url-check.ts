// A fleet's webhook URL checked against the SSRF policy when it is set: address literals that are off limits
// (127.0.0.1, 2130706433, [::1], 169.254.169.254…) get 422 at once; names are judged again before each delivery.
import { ApiError } from '../../errors.js';
import { WebhookUrlRefused, type WebhookUrlPolicy } from '../../webhooks/url-policy.js';

/** Throws 422 `unprocessable` naming `path` when `policy` refuses `url` without resolving it. */
export function checkWebhookUrl(policy: WebhookUrlPolicy, url: string, path: string): void {
  try {
    policy.checkUrl(url);
  } catch (error) {
    if (!(error instanceof WebhookUrlRefused)) throw error;
    throw new ApiError('unprocessable', `the webhook URL is not allowed: ${error.message}`, [{ path, message: error.message }]);
  }
}
