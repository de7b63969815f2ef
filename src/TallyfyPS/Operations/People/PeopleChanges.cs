using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Changes of members, guests and groups (admins only). A creation whose answer was lost is settled by a read (the
    /// member, guest or group is there or not), so nothing is created twice; a change that sends the whole state again
    /// (a role, disabling, enabling, a group's whole update) may be sent again.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>Invites a member (all five fields, as Tallyfy requires them). A lost answer is settled by looking the email up.</summary>
        public Task<MemberOutcome> InviteMemberAsync(string organizationId, string email, string firstName, string lastName, string role, string message,
            RequestCounter counter)
        {
            TallyfyUser? found = null;
            var request = new ApiRequest(HttpMethod.Post, Paths.UserInvite(organizationId))
            {
                JsonBody = new Dictionary<string, object?>
                {
                    ["email"] = email, ["first_name"] = firstName, ["last_name"] = lastName, ["role"] = role, ["message"] = message,
                },
                VerifyApplied = async c =>
                {
                    found = await Api.ListUsers(organizationId, email, withGroups: false)
                        .FirstAsync(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase), c.Context).ConfigureAwait(false);
                    return Verification.Of(found != null);
                },
            };
            return SendPersonAsync(new MemberOutcome(), request, counter, r => found ?? Mapper.User(r.Data(), organizationId));
        }

        /// <summary>PUT /users/{id}/role.</summary>
        public Task<MemberOutcome> SetRoleAsync(string organizationId, long id, string role, RequestCounter counter) =>
            SendPersonAsync(new MemberOutcome(), new ApiRequest(HttpMethod.Put, Paths.UserRole(organizationId, id))
            {
                JsonBody = new Dictionary<string, object?> { ["role"] = role },
                Repeatable = true,
            }, counter, r => Mapper.User(r.Data(), organizationId));

        /// <summary>DELETE /users/{id}/disable (the same again changes nothing).</summary>
        public Task<MemberOutcome> DisableMemberAsync(string organizationId, long id, RequestCounter counter) =>
            SendPersonAsync(new MemberOutcome(), new ApiRequest(HttpMethod.Delete, Paths.UserDisable(organizationId, id)) { Repeatable = true },
                counter, r => Mapper.User(r.Data(), organizationId));

        /// <summary>PUT /users/{id}/enable (the same again changes nothing).</summary>
        public Task<MemberOutcome> EnableMemberAsync(string organizationId, long id, RequestCounter counter) =>
            SendPersonAsync(new MemberOutcome(), new ApiRequest(HttpMethod.Put, Paths.UserEnable(organizationId, id)) { Repeatable = true },
                counter, r => Mapper.User(r.Data(), organizationId));

        /// <summary>Creates a guest (counts against 30 guest invites an hour). A lost answer is settled by looking the email up.</summary>
        public Task<GuestOutcome> CreateGuestAsync(string organizationId, string email, string? firstName, string? lastName, string? company, RequestCounter counter)
        {
            var body = new Dictionary<string, object?> { ["email"] = email };
            if (!string.IsNullOrEmpty(firstName)) body["first_name"] = firstName;
            if (!string.IsNullOrEmpty(lastName)) body["last_name"] = lastName;
            if (!string.IsNullOrEmpty(company)) body["company_name"] = company;
            TallyfyGuest? found = null;
            var request = new ApiRequest(HttpMethod.Post, Paths.Guests(organizationId))
            {
                JsonBody = body,
                VerifyApplied = async c =>
                {
                    found = await FindGuestAsync(organizationId, email, c).ConfigureAwait(false);
                    return Verification.Of(found != null);
                },
            };
            return SendPersonAsync(new GuestOutcome(), request, counter, r => found ?? Mapper.Guest(r.Data(), organizationId));
        }

        /// <summary>Removes a guest (Tallyfy detaches it from every task). A lost answer is settled by looking the email up.</summary>
        public Task<GuestOutcome> RemoveGuestAsync(string organizationId, TallyfyGuest guest, RequestCounter counter) =>
            SendPersonAsync(new GuestOutcome { Record = guest }, new ApiRequest(HttpMethod.Delete, Paths.Guest(organizationId, guest.Email))
            {
                VerifyApplied = async c => Verification.Of(await FindGuestAsync(organizationId, guest.Email, c).ConfigureAwait(false) is null),
            }, counter, _ => guest);

        /// <summary>Creates a group. A lost answer is settled by the group list (a group of that name).</summary>
        public Task<GroupOutcome> CreateGroupAsync(string organizationId, string name, string description, IEnumerable<long> members, IEnumerable<string> guests,
            RequestCounter counter)
        {
            TallyfyGroup? found = null;
            var request = new ApiRequest(HttpMethod.Post, Paths.Groups(organizationId))
            {
                JsonBody = GroupBody(name, description, members, guests),
                VerifyApplied = async c =>
                {
                    found = (await GroupsNowAsync(organizationId, c.Context).ConfigureAwait(false))
                        .FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));
                    return Verification.Of(found != null);
                },
            };
            return SendPersonAsync(new GroupOutcome(), request, counter, r => found ?? Mapper.Group(r.Data(), organizationId));
        }

        /// <summary>
        /// Updates a group with its whole state: name, description, and both lists. (trap) Tallyfy empties a list left out of
        /// the body, so both are always sent, as the caller merged them from a fresh read.
        /// </summary>
        public Task<GroupOutcome> UpdateGroupAsync(string organizationId, string id, string name, string description, IEnumerable<long> members,
            IEnumerable<string> guests, RequestCounter counter) =>
            SendPersonAsync(new GroupOutcome(), new ApiRequest(HttpMethod.Put, Paths.Group(organizationId, id))
            {
                JsonBody = GroupBody(name, description, members, guests),
                Repeatable = true,
            }, counter, r => Mapper.Group(r.Data(), organizationId));

        /// <summary>Deletes a group for good (204). A lost answer is settled by the group list.</summary>
        public Task<GroupOutcome> DeleteGroupAsync(string organizationId, TallyfyGroup group, RequestCounter counter) =>
            SendPersonAsync(new GroupOutcome { Record = group }, new ApiRequest(HttpMethod.Delete, Paths.Group(organizationId, group.Id))
            {
                VerifyApplied = async c => Verification.Of(!(await GroupsNowAsync(organizationId, c.Context).ConfigureAwait(false)).Any(g => g.Id == group.Id)),
            }, counter, _ => group);

        /// <summary>The organization's groups as they are now (not the session's remembered list): what a group change reads first.</summary>
        public Task<IReadOnlyList<TallyfyGroup>> GroupsNowAsync(string organizationId, CallContext context) =>
            Api.ListGroups(organizationId, null, withMembers: false).AllAsync(context);

        private Task<TallyfyGuest?> FindGuestAsync(string organizationId, string email, RequestCounter counter) =>
            Api.ListGuests(organizationId, email).FirstAsync(g => string.Equals(g.Email, email, StringComparison.OrdinalIgnoreCase), counter.Context);

        private static Dictionary<string, object?> GroupBody(string name, string description, IEnumerable<long> members, IEnumerable<string> guests) =>
            new Dictionary<string, object?>
            {
                ["name"] = name,
                ["description"] = description,
                ["members"] = members.Distinct().ToArray(),
                ["guests"] = guests.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            };

        /// <summary>Sends one change and fills its outcome: Done with the record the answer (or the verification) gave.</summary>
        private Task<T> SendPersonAsync<T, TRecord>(T outcome, ApiRequest request, RequestCounter counter, Func<ApiResponse, TRecord> record)
            where T : ChangeOutcome<TRecord>
            where TRecord : class =>
            Http.SendChangeAsync(outcome, request, counter, r =>
            {
                if (!r.IsSuccess && !r.AppliedByVerification)
                {
                    return false;
                }

                outcome.Status = ChangeStatus.Done;
                if (r.AppliedByVerification)
                {
                    outcome.Message = "The connection failed before the answer came; a read showed the change applied.";
                }

                try
                {
                    outcome.Record = record(r) ?? outcome.Record;
                }
                catch (TallyfyApiException)
                {
                    // an answer without the record (a 204): what was known stays
                }

                return true;
            });
    }
}
