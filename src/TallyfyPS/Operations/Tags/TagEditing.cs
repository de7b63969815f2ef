using System.Collections.Generic;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>Renaming and recolouring a tag: Tallyfy requires the title on every update, so it is always sent.</summary>
    internal sealed partial class TallyfyOperations
    {
        /// <param name="color">#rrggbb, or null to keep the tag's.</param>
        public async Task<TagUpdateOutcome> UpdateTagAsync(string organizationId, string id, string title, string? color, RequestCounter counter)
        {
            var outcome = new TagUpdateOutcome { Name = title };
            var body = new Dictionary<string, object?> { ["title"] = title };
            if (color != null)
            {
                body["color"] = color.ToLowerInvariant();
            }

            var request = new ApiRequest(HttpMethod.Put, Paths.Tag(organizationId, id)) { JsonBody = body, Repeatable = true };
            return await Http.SendChangeAsync(outcome, request, counter, r =>
            {
                if (!r.IsSuccess)
                {
                    return false;
                }

                outcome.Record = Mapper.Tag(r.Data(), organizationId);
                outcome.Name = outcome.Record.Title;
                outcome.Status = ChangeStatus.Done;
                return true;
            }).ConfigureAwait(false);
        }
    }
}
