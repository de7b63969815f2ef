using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>A guest named by email, as New-TallyfyGuest and Remove-TallyfyGuest read it, with what a look-up found.</summary>
    internal sealed class GuestTarget
    {
        public GuestTarget(string email) => Email = email;

        public string Email { get; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Company { get; set; }

        /// <summary>The member with this email, where one has it.</summary>
        public TallyfyUser? Member { get; set; }

        /// <summary>The guest with this email, where the organization has one.</summary>
        public TallyfyGuest? Guest { get; set; }
    }

    /// <summary>The result of New-TallyfyGuest and Remove-TallyfyGuest for one email.</summary>
    internal static class GuestChanges
    {
        public static TallyfyGuestChangeResult Result(WorkItem<GuestTarget> item, GuestOutcome? outcome, string action, TallyfyGuestChangeStatus done, TallyfyGuestChangeStatus already)
        {
            TallyfyGuest? guest = outcome?.Record ?? item.State.Guest;
            return new TallyfyGuestChangeResult
            {
                Email = guest?.Email ?? item.State.Email,
                Name = string.IsNullOrEmpty(guest?.Name) ? JoinName(item.State.FirstName, item.State.LastName) : guest!.Name,
                CompanyName = string.IsNullOrEmpty(guest?.CompanyName) ? item.State.Company : guest!.CompanyName,
                Action = action,
                Guest = outcome?.Record,
                Status = outcome is null ? TallyfyGuestChangeStatus.Refused : outcome.Status switch
                {
                    ChangeStatus.Done => done,
                    ChangeStatus.Existing => already,
                    ChangeStatus.NotFound => TallyfyGuestChangeStatus.NotFound,
                    ChangeStatus.Forbidden => TallyfyGuestChangeStatus.Forbidden,
                    ChangeStatus.Skipped => TallyfyGuestChangeStatus.Skipped,
                    ChangeStatus.NotAttempted => TallyfyGuestChangeStatus.NotAttempted,
                    ChangeStatus.Unknown => TallyfyGuestChangeStatus.Unknown,
                    _ => TallyfyGuestChangeStatus.Failed,
                },
            };
        }

        private static string? JoinName(string? first, string? last)
        {
            string name = ((first ?? string.Empty) + " " + (last ?? string.Empty)).Trim();
            return name.Length == 0 ? null : name;
        }
    }
}
