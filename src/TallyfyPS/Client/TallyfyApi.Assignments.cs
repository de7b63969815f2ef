using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// What a person is assigned to, read with as few requests as the API allows: their open tasks through the task list's
    /// owners filter, runs (owner and members) from one walk of the live runs (no filter names a run's members), template
    /// steps from one walk of the live templates with their steps, groups from one list.
    /// </summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>The live tasks a member owns, of live runs and one-off (the owners filter).</summary>
        public PagedWalker<TallyfyTask> ListTasksOwnedBy(string organizationId, long userId) =>
            ListTasks(organizationId, new TaskQuery { Owners = new[] { userId } });

        /// <summary>The live runs with their members and groups (no filter names a run's members: one walk, pages of 100).</summary>
        public PagedWalker<RunSnapshot> ListRunSnapshots(string organizationId)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Runs(organizationId)) { Query = new RunQuery().ToQuery() };
            return new PagedWalker<RunSnapshot>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.RunSnapshot(e, organizationId), counter),
                Paths.MaxPageSize, r => r.Run.Id);
        }

        /// <summary>The live templates' steps with their assignees (with=steps: one walk, pages of 100).</summary>
        public async Task<IReadOnlyList<StepSnapshot>> ListTemplateStepsAsync(string organizationId, CallContext context)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Templates(organizationId)) { Query = new TemplateQuery { Include = TemplateInclude.Steps }.ToQuery() };
            var walker = new PagedWalker<IReadOnlyList<StepSnapshot>>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e =>
                {
                    string id = Json.RequiredId(e, "id");
                    string? title = Json.String(e, "title");
                    return (IReadOnlyList<StepSnapshot>)Json.Relation(e, "steps").Select(s => Mapper.StepSnapshot(s, id, title)).ToList();
                }, counter),
                Paths.MaxPageSize, steps => steps.Count == 0 ? Guid.NewGuid().ToString("n") : steps[0].TemplateId + "/" + steps[0].Id);
            return (await walker.AllAsync(context).ConfigureAwait(false)).SelectMany(s => s).ToList();
        }

        /// <summary>One group, read fresh (Tallyfy has no read of one group: the list searched by its name); null when it is gone.</summary>
        public async Task<TallyfyGroup?> FindGroupAsync(string organizationId, string id, string? name, CallContext context)
        {
            TallyfyGroup? found = await ListGroups(organizationId, name, withMembers: false)
                .FirstAsync(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase), context).ConfigureAwait(false);
            if (found is null && name != null)
            {
                // Renamed since it was listed: the whole list.
                found = await ListGroups(organizationId, null, withMembers: false)
                    .FirstAsync(g => string.Equals(g.Id, id, StringComparison.OrdinalIgnoreCase), context).ConfigureAwait(false);
            }

            return found;
        }

        /// <summary>
        /// One member, read fresh (GET /users/{id}, admins only; with is_bot and is_default_admin [assumed], which say whether
        /// Tallyfy lets them be removed); null for a 404. What every member change reads before deciding.
        /// </summary>
        public async Task<TallyfyUser?> GetMemberAsync(string organizationId, long id, RequestCounter counter)
        {
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.User(organizationId, id)), counter).ConfigureAwait(false);
            if (r.Status == 404)
            {
                return null;
            }

            r.EnsureSuccess();
            return Mapper.User(r.Data(), organizationId);
        }
    }
}
