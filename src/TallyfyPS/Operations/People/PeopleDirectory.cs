using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// An organization's people as one session knows them: an email or name is looked up once (a q search) and
    /// remembered for the session, so a thousand rows that name the same owner cost one request. Resolves what
    /// users write as an owner (a user id, an email, a user, group or guest object, a group id or name) to ids.
    /// </summary>
    internal sealed class PeopleDirectory
    {
        private readonly TallyfyApi _api;
        private readonly string _organizationId;
        private readonly ConcurrentDictionary<string, TallyfyUser?> _byEmail = new ConcurrentDictionary<string, TallyfyUser?>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, TallyfyGuest?> _guests = new ConcurrentDictionary<string, TallyfyGuest?>(StringComparer.OrdinalIgnoreCase);
        private IReadOnlyList<TallyfyGroup>? _groups;
        private IReadOnlyList<TallyfyGuest>? _allGuests;
        private readonly SemaphoreSlim _membersLoad = new SemaphoreSlim(1, 1);
        private IReadOnlyList<TallyfyUser>? _members;
        private Dictionary<long, TallyfyUser>? _membersById;

        internal PeopleDirectory(TallyfyApi api, string organizationId)
        {
            _api = api;
            _organizationId = organizationId;
        }

        /// <summary>The member with this email, or null.</summary>
        public async Task<TallyfyUser?> FindUserAsync(string email, CallContext context)
        {
            if (_byEmail.TryGetValue(email, out TallyfyUser? known))
            {
                return known;
            }

            TallyfyUser? found = await _api.ListUsers(_organizationId, email, withGroups: false)
                .FirstAsync(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase), context).ConfigureAwait(false);

            _byEmail[email] = found;
            return found;
        }

        /// <summary>Remembers a member this session invited or changed, so that the next look-up of its email finds it as it is.</summary>
        public void Remember(TallyfyUser user)
        {
            if (!string.IsNullOrEmpty(user.Email))
            {
                _byEmail[user.Email!] = user;
            }

            // A member invited by this session is found by its id too (the members were read before it existed).
            lock (_membersLoad)
            {
                if (_membersById is Dictionary<long, TallyfyUser> byId && !byId.ContainsKey(user.Id))
                {
                    _membersById = new Dictionary<long, TallyfyUser>(byId) { [user.Id] = user }; // a copy: readers hold the old one
                }
            }
        }

        /// <summary>Remembers that this session created (<paramref name="guest"/>) or removed (null) the guest with this email.</summary>
        public void RememberGuest(string email, TallyfyGuest? guest)
        {
            _guests[email] = guest;
            Volatile.Write(ref _allGuests, null);
        }

        /// <summary>Forgets the groups read, after this session changed them.</summary>
        public void ForgetGroups() => _groups = null;

        /// <summary>
        /// Every member of the organization, read once per session (pages of 100) and remembered: what the activity
        /// feed's actors and tab completion resolve against. Callers that arrive while it is read wait for that one
        /// read (each with its own cancellation); a read that failed is tried again by the next caller.
        /// </summary>
        public async Task<IReadOnlyList<TallyfyUser>> MembersAsync(CallContext context)
        {
            if (Volatile.Read(ref _members) is IReadOnlyList<TallyfyUser> known)
            {
                return known;
            }

            await _membersLoad.WaitAsync(context.Cancellation).ConfigureAwait(false);
            try
            {
                if (_members != null)
                {
                    return _members;
                }

                IReadOnlyList<TallyfyUser> all = await _api.ListUsers(_organizationId, null, withGroups: false).AllAsync(context).ConfigureAwait(false);

                var byId = new Dictionary<long, TallyfyUser>();
                foreach (TallyfyUser user in all)
                {
                    byId[user.Id] = user;
                    if (!string.IsNullOrEmpty(user.Email))
                    {
                        _byEmail.AddOrUpdate(user.Email!, user, (_, before) => before ?? user);
                    }
                }

                _membersById = byId;
                Volatile.Write(ref _members, all);
                return all;
            }
            finally
            {
                _membersLoad.Release();
            }
        }

        /// <summary>The member with this id, from <see cref="MembersAsync"/>; null when the organization lists no such member.</summary>
        public async Task<TallyfyUser?> UserByIdAsync(long id, CallContext context)
        {
            await MembersAsync(context).ConfigureAwait(false);
            return _membersById!.TryGetValue(id, out TallyfyUser? user) ? user : null;
        }

        /// <summary>The guest with this email, or null.</summary>
        public async Task<TallyfyGuest?> FindGuestAsync(string email, CallContext context)
        {
            if (_guests.TryGetValue(email, out TallyfyGuest? known))
            {
                return known;
            }

            TallyfyGuest? found = await _api.ListGuests(_organizationId, email)
                .FirstAsync(g => string.Equals(g.Email, email, StringComparison.OrdinalIgnoreCase), context).ConfigureAwait(false);

            _guests[email] = found;
            return found;
        }

        /// <summary>Every guest of the organization (read once per session): what "did you mean" looks among.</summary>
        public async Task<IReadOnlyList<TallyfyGuest>> GuestsAsync(CallContext context)
        {
            if (Volatile.Read(ref _allGuests) is IReadOnlyList<TallyfyGuest> known)
            {
                return known;
            }

            IReadOnlyList<TallyfyGuest> all = await _api.ListGuests(_organizationId, null).AllAsync(context).ConfigureAwait(false);

            Volatile.Write(ref _allGuests, all);
            return all;
        }

        /// <summary>The organization's groups (read once per session).</summary>
        public async Task<IReadOnlyList<TallyfyGroup>> GroupsAsync(CallContext context)
        {
            if (_groups != null)
            {
                return _groups;
            }

            IReadOnlyList<TallyfyGroup> all = await _api.ListGroups(_organizationId, null, withMembers: false).AllAsync(context).ConfigureAwait(false);

            _groups = all;
            return all;
        }

        /// <summary>
        /// Resolves owners as users write them. A number (or digits) is a member's user id; an email is a member, or a guest
        /// where guests are allowed; 32 hex characters, or a group's name, is a group where groups are allowed;
        /// TallyfyUser, TallyfyGuest and TallyfyGroup objects are themselves. What cannot be resolved is listed in
        /// <see cref="ResolvedOwners.Unresolved"/> with the reason, and nothing is guessed.
        /// </summary>
        public async Task<ResolvedOwners> ResolveAsync(IEnumerable<object?> values, OwnerKinds allowed, CallContext context)
        {
            var result = new ResolvedOwners();
            foreach (object? value in values)
            {
                switch (value)
                {
                    case null:
                        continue;
                    case TallyfyUser user:
                        result.Users.Add(user.Id);
                        continue;
                    case TallyfyGuest guest when (allowed & OwnerKinds.Guests) != 0:
                        result.Guests.Add(guest.Email);
                        continue;
                    case TallyfyGroup group when (allowed & OwnerKinds.Groups) != 0:
                        result.Groups.Add(group.Id);
                        continue;
                    case int i:
                        await ResolveUserIdAsync(i, i.ToString(CultureInfo.InvariantCulture), result, context).ConfigureAwait(false);
                        continue;
                    case long l:
                        await ResolveUserIdAsync(l, l.ToString(CultureInfo.InvariantCulture), result, context).ConfigureAwait(false);
                        continue;
                }

                string text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty;
                if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id > 0)
                {
                    await ResolveUserIdAsync(id, text, result, context).ConfigureAwait(false);
                }
                else if (text.IndexOf('@') > 0)
                {
                    await ResolveEmailAsync(text, allowed, result, context).ConfigureAwait(false);
                }
                else if ((allowed & OwnerKinds.Groups) != 0 && await FindGroupAsync(text, context).ConfigureAwait(false) is TallyfyGroup group)
                {
                    result.Groups.Add(group.Id);
                }
                else
                {
                    result.Unresolved.Add(new KeyValuePair<string, string>(text, (allowed & OwnerKinds.Groups) != 0
                        ? "it is not a user id, an email, or the id or name of a group"
                        : "it is not a user id or a member's email"));
                }
            }

            return result;
        }

        // An id is checked against the members (read once per session): Tallyfy answers an unknown one with a 422 for
        // the whole launch or update, and a filter by it finds nothing without saying why.
        private async Task ResolveUserIdAsync(long id, string text, ResolvedOwners result, CallContext context)
        {
            if (await UserByIdAsync(id, context).ConfigureAwait(false) is TallyfyUser user)
            {
                result.Users.Add(user.Id);
            }
            else
            {
                result.Unresolved.Add(new KeyValuePair<string, string>(text, "no member of the organization has this id"));
            }
        }

        private async Task ResolveEmailAsync(string email, OwnerKinds allowed, ResolvedOwners result, CallContext context)
        {
            if (await FindUserAsync(email, context).ConfigureAwait(false) is TallyfyUser user)
            {
                result.Users.Add(user.Id);
                return;
            }

            if ((allowed & OwnerKinds.Guests) == 0)
            {
                result.Unresolved.Add(new KeyValuePair<string, string>(email, "no member of the organization has this email" +
                    await DidYouMeanAsync(email, guests: false, context).ConfigureAwait(false)));
                return;
            }

            if (await FindGuestAsync(email, context).ConfigureAwait(false) is TallyfyGuest guest)
            {
                result.Guests.Add(guest.Email);
            }
            else if ((allowed & OwnerKinds.NewGuests) != 0 && FieldValueConverter.IsEmail(email))
            {
                // Asked for (-AllowNewGuest): Tallyfy invites the email as a new guest. From now on it is one.
                result.Guests.Add(email);
                _guests.TryRemove(email, out _);
            }
            else
            {
                // Tallyfy would make it a new guest without a word (and e-mail it): a typo of a colleague's address
                // would become a stranger with access to the task.
                result.Unresolved.Add(new KeyValuePair<string, string>(email, "no member or guest of the organization has this email" +
                    await DidYouMeanAsync(email, guests: true, context).ConfigureAwait(false)));
                result.NewGuestRefused = true;
            }
        }

        /// <summary>"; did you mean '...'?" naming the member's (or guest's) email nearest to a mistyped one; or nothing.</summary>
        private async Task<string> DidYouMeanAsync(string email, bool guests, CallContext context)
        {
            IEnumerable<string> known = (await MembersAsync(context).ConfigureAwait(false)).Select(u => u.Email).Where(e => !string.IsNullOrEmpty(e))!;
            if (guests)
            {
                known = known.Concat((await GuestsAsync(context).ConfigureAwait(false)).Select(g => g.Email).Where(e => !string.IsNullOrEmpty(e)));
            }

            string? near = Typos.Nearest(email, known, maxDistance: 3); // a slip of a few keys, not another person
            return near is null ? string.Empty : $"; did you mean '{near}'?";
        }

        private async Task<TallyfyGroup?> FindGroupAsync(string idOrName, CallContext context)
        {
            IReadOnlyList<TallyfyGroup> groups = await GroupsAsync(context).ConfigureAwait(false);
            return groups.FirstOrDefault(g => string.Equals(g.Id, idOrName, StringComparison.OrdinalIgnoreCase))
                ?? groups.FirstOrDefault(g => string.Equals(g.Name, idOrName, StringComparison.OrdinalIgnoreCase));
        }
    }
}
