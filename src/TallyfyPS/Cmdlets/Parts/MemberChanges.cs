using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>A member named by -Id (an id, an email, a user, a CSV row), as Set-, Disable- and Enable-TallyfyUser read it.</summary>
    internal sealed class MemberTarget
    {
        public MemberTarget(object? value) => Value = value;

        /// <summary>What was given: a TallyfyUser, a number, or text (an id or an email).</summary>
        public object? Value { get; }

        /// <summary>Why the value names no member (the people directory's reason); null once resolved.</summary>
        public string? Problem { get; set; }

        /// <summary>The member as a read just before the change showed it; null when none was read or found.</summary>
        public TallyfyUser? Member { get; set; }
    }

    /// <summary>
    /// What Set-TallyfyUser, Disable-TallyfyUser and Enable-TallyfyUser share: reading -Id into items, resolving each through
    /// the session's people directory (no other resolver), reading the member fresh before deciding (so a member disabled
    /// already is AlreadyDisabled with nothing sent), the seat-pool error, and the result.
    /// </summary>
    internal static class MemberChanges
    {
        private const string SeatPoolExhausted = "SEAT_POOL_EXHAUSTED";

        /// <summary>One item per value of -Id (a piped user, an id, an email).</summary>
        public static IEnumerable<WorkItem<MemberTarget>> Items(object?[]? values)
        {
            foreach (object? raw in values ?? Array.Empty<object?>())
            {
                object? value = HandoverPeople.Plain(raw); // a row (Import-Csv, Select-Object): the member by its Id, UserId or Email column

                string id = value switch
                {
                    TallyfyUser u => u.Id.ToString(CultureInfo.InvariantCulture),
                    _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
                };
                string? name = value is TallyfyUser user ? user.Email : null;
                yield return new WorkItem<MemberTarget>(id, raw, new MemberTarget(value)) { Known = new RecordState(KnownState.Unknown, name) };
            }
        }

        /// <summary>The read before deciding: the value resolved to a member id, then the member as it is now.</summary>
        public static Func<RequestCounter, Task<RecordState>> Prepare(TallyfyOperations ops, string organizationId, WorkItem<MemberTarget> item) => async counter =>
        {
            MemberTarget target = item.State;
            ResolvedOwners resolved = await ops.People(organizationId).ResolveAsync(new[] { target.Value }, OwnerKinds.Users, counter.Context).ConfigureAwait(false);
            if (resolved.Unresolved.Count > 0 || resolved.Users.Count == 0)
            {
                target.Problem = resolved.Unresolved.Count > 0 ? resolved.Unresolved[0].Value : "it is not a user id or a member's email";
                return RecordState.Unknown;
            }

            target.Member = await ops.Api.GetMemberAsync(organizationId, resolved.Users[0], counter).ConfigureAwait(false);
            target.Problem = target.Member is null ? "no member of the organization has this id" : null;
            return new RecordState(KnownState.Unknown, target.Member?.Email);
        };

        /// <summary>The refusal of an item whose value names no member; null when it names one.</summary>
        public static ErrorRecord? Refusal(WorkItem<MemberTarget> item, string organizationId) =>
            item.State.Problem is string why ? Errors.MemberNotFound(item.Id, why, organizationId, item.Target) : null;

        /// <summary>A member the read shows as asked already: nothing is sent.</summary>
        public static MemberOutcome Unchanged(TallyfyUser member, string message) => new MemberOutcome
        {
            Status = ChangeStatus.Existing,
            Record = member,
            Name = member.Email,
            Message = message,
        };

        /// <summary>After sending: a full seat pool becomes SeatLimitReached (the pool named); the session learns the member as answered.</summary>
        public static MemberOutcome Sent(TallyfyOperations ops, string organizationId, WorkItem item, MemberOutcome outcome, string subject)
        {
            if (outcome.Error is TallyfyApiException ex && (ex.ErrorCode == SeatPoolExhausted || (ex.StatusCode == 409 && ex.Details.ContainsKey("pool_type"))))
            {
                item.Error = Errors.SeatLimitReached(subject, ex, item.Target);
            }

            if (outcome.Record is TallyfyUser user)
            {
                ops.People(organizationId).Remember(user);
                outcome.Name ??= user.Email;
            }

            return outcome;
        }

        /// <summary>The result of one item: <paramref name="done"/> for a change made, <paramref name="already"/> for one in place.</summary>
        public static TallyfyUserChangeResult Result(WorkItem item, MemberOutcome? outcome, TallyfyUser? before, string action,
            TallyfyUserChangeStatus done, TallyfyUserChangeStatus already)
        {
            TallyfyUser? user = outcome?.Record ?? before;
            long? id = user?.Id ?? (long.TryParse(item.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : (long?)null);
            return new TallyfyUserChangeResult
            {
                UserId = id,
                Email = user?.Email ?? (item.Id.IndexOf('@') > 0 ? item.Id : null),
                Name = user?.Name,
                Action = action,
                Role = user?.Role,
                UserStatus = user?.Status,
                User = outcome?.Record,
                Status = outcome is null ? TallyfyUserChangeStatus.Refused : outcome.Status switch
                {
                    ChangeStatus.Done => done,
                    ChangeStatus.Existing => already,
                    ChangeStatus.NotFound => TallyfyUserChangeStatus.NotFound,
                    ChangeStatus.Forbidden => TallyfyUserChangeStatus.Forbidden,
                    ChangeStatus.Skipped => TallyfyUserChangeStatus.Skipped,
                    ChangeStatus.NotAttempted => TallyfyUserChangeStatus.NotAttempted,
                    ChangeStatus.Unknown => TallyfyUserChangeStatus.Unknown,
                    _ => TallyfyUserChangeStatus.Failed,
                },
            };
        }

        /// <summary>How prompts and errors name a member: "member dana.whitfield@acme.example (1001)".</summary>
        public static ItemWords Describe(WorkItem<MemberTarget> item)
        {
            TallyfyUser? m = item.State.Member;
            string who = m is null ? $"'{item.Id}'" : $"{m.Email} ({m.Id.ToString(CultureInfo.InvariantCulture)})";
            return new ItemWords("member " + who, "Member " + who, $"Check with Get-TallyfyUser -Email '{m?.Email ?? item.Id}'.");
        }
    }
}
