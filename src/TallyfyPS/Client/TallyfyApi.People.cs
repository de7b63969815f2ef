using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>People: the organization's members, guests and groups.</summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>
        /// The organization's members. The service's default page size for this list is 9999 (everyone at once):
        /// it is always asked for pages of 100, so a large organization streams like any other list.
        /// </summary>
        /// <param name="search">Tallyfy's q search on name, email or username.</param>
        public PagedWalker<TallyfyUser> ListUsers(string organizationId, string? search, bool withGroups, ulong first = ulong.MaxValue)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrEmpty(search)) query.Add(new KeyValuePair<string, string>("q", search!));
            if (withGroups) query.Add(new KeyValuePair<string, string>("with", "groups"));
            var request = new ApiRequest(HttpMethod.Get, Paths.Users(organizationId)) { Query = query };
            return new PagedWalker<TallyfyUser>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.User(e, organizationId), counter),
                PageSize(first), u => u.Id.ToString(CultureInfo.InvariantCulture));
        }

        /// <param name="email">Tallyfy's q search on the guest's email.</param>
        public PagedWalker<TallyfyGuest> ListGuests(string organizationId, string? email, ulong first = ulong.MaxValue)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Guests(organizationId))
            {
                Query = string.IsNullOrEmpty(email) ? null : new[] { new KeyValuePair<string, string>("q", email!) },
            };
            return new PagedWalker<TallyfyGuest>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Guest(e, organizationId), counter),
                PageSize(first), g => g.Email);
        }

        /// <param name="search">Tallyfy's q search on the group's name.</param>
        /// <param name="withMembers">Read each group's members as users (with=users).</param>
        public PagedWalker<TallyfyGroup> ListGroups(string organizationId, string? search, bool withMembers, ulong first = ulong.MaxValue)
        {
            var query = new List<KeyValuePair<string, string>>();
            if (!string.IsNullOrEmpty(search)) query.Add(new KeyValuePair<string, string>("q", search!));
            if (withMembers) query.Add(new KeyValuePair<string, string>("with", "users"));
            var request = new ApiRequest(HttpMethod.Get, Paths.Groups(organizationId)) { Query = query };
            return new PagedWalker<TallyfyGroup>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Group(e, organizationId), counter),
                PageSize(first), g => g.Id);
        }
    }
}
