using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Signing in: who the credentials are, their organizations and role.</summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>Who the credentials belong to (GET /me) and their organizations (GET /me/organizations, where the service lists them).</summary>
        public async Task<(TallyfyUser User, IReadOnlyList<TallyfyOrganization> Organizations)> SignInAsync(CallContext context)
        {
            TallyfyUser user;
            using (ApiResponse me = await Http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.Me), context.NewCounter()).ConfigureAwait(false))
            {
                me.EnsureSuccess();
                user = Mapper.User(me.Data());
            }

            var organizations = new List<TallyfyOrganization>();
            using (ApiResponse orgs = await Http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.MyOrganizations), context.NewCounter()).ConfigureAwait(false))
            {
                if (orgs.IsSuccess && orgs.Body?.RootElement.ValueKind == JsonValueKind.Object &&
                    orgs.Body.RootElement.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Array)
                {
                    organizations.AddRange(data.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.Object).Select(Mapper.Organization));
                }
            }

            return (user, organizations);
        }

        /// <summary>The organizations the signed-in user belongs to (GET me/organizations), page by page.</summary>
        /// <param name="singleTry">Sent once, without retries (tab completion must answer at once).</param>
        public PagedWalker<TallyfyOrganization> ListOrganizations(bool singleTry = false)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.MyOrganizations) { SingleTry = singleTry };
            return new PagedWalker<TallyfyOrganization>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, Mapper.Organization, counter),
                Paths.MaxPageSize, o => o.Id);
        }

        /// <summary>
        /// The role (admin, standard, light) of a member of the organization, from its member list; null when
        /// the list cannot be read or does not show the member (then nothing is assumed).
        /// </summary>
        public async Task<string?> GetRoleAsync(string organizationId, TallyfyUser user, CallContext context)
        {
            try
            {
                var request = new ApiRequest(HttpMethod.Get, Paths.Users(organizationId))
                {
                    Query = user.Email is null ? null : new[] { new KeyValuePair<string, string>("q", user.Email) },
                };
                ApiPage<TallyfyUser> page = await Http.GetPageAsync(request, 1, Paths.MaxPageSize, Mapper.User, context.NewCounter()).ConfigureAwait(false);
                TallyfyUser? me = page.Items.FirstOrDefault(u => u.Id == user.Id) ??
                    page.Items.FirstOrDefault(u => user.Email != null && string.Equals(u.Email, user.Email, StringComparison.OrdinalIgnoreCase));
                return me?.Role;
            }
            catch (TallyfyApiException ex) when (ex.Kind != TallyfyErrorKind.NotSent)
            {
                return null;
            }
        }
    }
}
