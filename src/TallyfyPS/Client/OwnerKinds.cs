using System;

namespace TallyfyPS.Client
{
    /// <summary>Who may be named as an owner: members always, and where the service takes them, guests and groups.</summary>
    [Flags]
    public enum OwnerKinds
    {
        Users = 0,
        Guests = 1,
        Groups = 2,
        All = Guests | Groups,
    }
}
