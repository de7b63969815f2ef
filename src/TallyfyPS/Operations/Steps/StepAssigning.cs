using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Template steps' assignees. Tallyfy's step update replaces each of its three buckets (assignees, guests, groups)
    /// with what is sent, detaching everyone in a bucket left out, and requires the title every time: so an update is
    /// always the whole step, computed from a fresh read (<see cref="OwnerMerge"/>), title and summary sent back unchanged.
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <summary>Sends <paramref name="current"/> (a fresh read) with its assignees replaced by <paramref name="assignees"/>: all three buckets and the title.</summary>
        public async Task<StepUpdateOutcome> UpdateStepAssigneesAsync(string organizationId, string templateId, TallyfyStep current, ResolvedOwners assignees, RequestCounter counter)
        {
            var outcome = new StepUpdateOutcome { Name = current.Title };
            var body = new Dictionary<string, object?>
            {
                ["title"] = current.Title,
                ["assignees"] = assignees.UserIds,
                ["guests"] = assignees.Guests.ToArray(),
                ["groups"] = assignees.Groups.ToArray(),
            };
            if (current.Summary != null)
            {
                body["summary"] = current.Summary;
            }

            var request = new ApiRequest(HttpMethod.Put, Paths.TemplateStep(organizationId, templateId, current.Id)) { JsonBody = body, Repeatable = true };
            return await Http.SendChangeAsync(outcome, request, counter, r =>
            {
                if (!r.IsSuccess)
                {
                    return false;
                }

                outcome.Record = Mapper.Step(r.Data(), templateId, organizationId);
                outcome.Status = ChangeStatus.Done;
                return true;
            }).ConfigureAwait(false);
        }
    }
}
