/** The body of cancel and revoke (`CancelReason`). */
export interface CancelReasonBody {
  cancelReasonCategory: string;
  cancelReasonCode: string;
}

/**
 * The reasons to record from a `CancelReason` body.
 *
 * @example
 * ctx.entitlements.changeStatus(record, 'REVOKED', cancelReasons(request.body), correlationId);
 */
export function cancelReasons(body: unknown): { reasonCategory: string; reasonCode: string } {
  const { cancelReasonCategory, cancelReasonCode } = body as CancelReasonBody;
  return { reasonCategory: cancelReasonCategory, reasonCode: cancelReasonCode };
}
