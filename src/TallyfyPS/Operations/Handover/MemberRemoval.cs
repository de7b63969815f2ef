using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>What removing one member did.</summary>
    internal sealed class MemberRemovalOutcome : ChangeOutcome<TallyfyUser>
    {
        /// <summary>Deleted for good (not only deactivated).</summary>
        public bool Deleted { get; set; }

        protected override string DoneText => Deleted ? "Deleted" : "Removed";
    }

    /// <summary>
    /// Removing a member: deactivating (DELETE /users/{id}, the member disabled; with Tallyfy's own reassignment of every
    /// task to one person where asked) and, for good, deleting the disabled member (DELETE /users/{id}/delete).
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <param name="member">The member as just read.</param>
        /// <param name="reassignTo">Tallyfy's all-or-nothing reassignment: every task of the member to this member; nothing else moves.</param>
        /// <param name="permanent">Delete for good after deactivating.</param>
        public async Task<MemberRemovalOutcome> RemoveMemberAsync(string organizationId, TallyfyUser member, long? reassignTo, bool permanent, RequestCounter counter)
        {
            var outcome = new MemberRemovalOutcome { Name = member.Email, Record = member };
            bool disabled = string.Equals(member.Status, "disabled", StringComparison.OrdinalIgnoreCase);
            if (!disabled || reassignTo.HasValue)
            {
                var request = new ApiRequest(HttpMethod.Delete, Paths.User(organizationId, member.Id)) { Repeatable = true };
                if (reassignTo.HasValue)
                {
                    request.Query = new[]
                    {
                        new KeyValuePair<string, string>("with_reassignment", "true"),
                        new KeyValuePair<string, string>("to", reassignTo.Value.ToString(CultureInfo.InvariantCulture)),
                    };
                }

                await Http.SendChangeAsync(outcome, request, counter, r =>
                {
                    if (!r.IsSuccess)
                    {
                        return false;
                    }

                    outcome.Record = Mapper.User(r.Data(), organizationId);
                    outcome.Status = ChangeStatus.Done;
                    return true;
                }).ConfigureAwait(false);
                if (outcome.Status != ChangeStatus.Done || !permanent)
                {
                    return outcome;
                }
            }

            if (!permanent)
            {
                outcome.Status = ChangeStatus.Existing;
                outcome.Message = "The member was disabled already; nothing was sent.";
                return outcome;
            }

            // Tallyfy deletes only a disabled member: deactivated above (or already). A lost answer is settled by reading the
            // member: gone (404) is deleted; nothing is sent twice on a guess.
            var deletion = new ApiRequest(HttpMethod.Delete, Paths.UserDeletion(organizationId, member.Id))
            {
                VerifyApplied = async c => Verification.Of(await Api.GetMemberAsync(organizationId, member.Id, c).ConfigureAwait(false) is null),
            };
            outcome.Status = ChangeStatus.Failed;
            return await Http.SendChangeAsync(outcome, deletion, counter, r =>
            {
                if (!r.IsSuccess && !r.AppliedByVerification)
                {
                    return false;
                }

                outcome.Deleted = true;
                outcome.Status = ChangeStatus.Done;
                if (r.AppliedByVerification)
                {
                    outcome.Message = "The connection failed before the answer came; a read showed the member deleted.";
                }

                return true;
            }).ConfigureAwait(false);
        }
    }
}
