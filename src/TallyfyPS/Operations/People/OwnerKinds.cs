using System;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Who may be named as an owner: members always, and where the service takes them, guests and groups. A guest is
    /// one the organization has; an email that is neither a member's nor a guest's is refused (Tallyfy would invite it
    /// as a new guest, e-mail it and count it against 30 guest invites an hour), unless <see cref="NewGuests"/> says
    /// the call means a new guest (-AllowNewGuest).
    /// </summary>
    [Flags]
    internal enum OwnerKinds
    {
        Users = 0,
        Guests = 1,
        Groups = 2,
        All = Guests | Groups,
        /// <summary>With <see cref="Guests"/>: an email that is no one's yet is a new guest (-AllowNewGuest).</summary>
        NewGuests = 4,
    }
}
