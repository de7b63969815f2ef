using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TallyfyPS.Client;
using static TallyfyPS.Client.TallyfyApi;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Names for what Tallyfy answers with ids only: runs' kick-off values by field label, tasks' owners by email and
    /// group name. Each template's fields, the members and the groups are read once per session; what cannot be read
    /// stays shown by its id (the ids are always kept in the objects' properties).
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        private readonly AsyncCache<IReadOnlyList<TallyfyFieldDefinition>> _kickoffFields = new AsyncCache<IReadOnlyList<TallyfyFieldDefinition>>();

        /// <summary>Names the kick-off values of <paramref name="runs"/> by their fields' labels (one read per template and session).</summary>
        public async Task LabelKickoffValuesAsync(string organizationId, IEnumerable<TallyfyRun> runs, CallContext context)
        {
            foreach (IGrouping<string, TallyfyRun> byTemplate in runs
                .Where(r => r.KickoffValues != null && r.KickoffValues.Count > 0 && !r.KickoffValues.Labelled && !string.IsNullOrEmpty(r.BlueprintId))
                .GroupBy(r => r.BlueprintId!, StringComparer.OrdinalIgnoreCase))
            {
                IReadOnlyList<TallyfyFieldDefinition> fields;
                try
                {
                    fields = await _kickoffFields.GetAsync(organizationId + "/" + byTemplate.Key, async () =>
                        (await Api.GetTemplateAsync(organizationId, byTemplate.Key, TemplateInclude.None, context.NewCounter()).ConfigureAwait(false)).KickoffFields)
                        .ConfigureAwait(false);
                }
                catch (TallyfyApiException)
                {
                    continue; // the template cannot be read (gone, no permission): its values stay shown by field id
                }

                foreach (TallyfyRun run in byTemplate)
                {
                    foreach (TallyfyFieldDefinition field in fields)
                    {
                        run.KickoffValues!.Label(field.Id, field.Label);
                    }
                }
            }
        }

        /// <summary>Names the owners of <paramref name="tasks"/>: members by email, groups by name (the members and groups read once per session).</summary>
        public Task NameOwnersAsync(string organizationId, IEnumerable<TallyfyTask> tasks, CallContext context) =>
            NameOwnersAsync(organizationId, tasks.Select(t => t.Owners), context);

        /// <summary>Names people in buckets (tasks' owners, steps' assignees): members by email, groups by name (read once per session).</summary>
        public async Task NameOwnersAsync(string organizationId, IEnumerable<TallyfyTaskOwners> buckets, CallContext context)
        {
            List<TallyfyTaskOwners> owners = buckets.Where(o => o != null && (o.Users.Length > 0 || o.Groups.Length > 0)).ToList();
            if (owners.Count == 0)
            {
                return;
            }

            PeopleDirectory people = People(organizationId);
            Dictionary<long, string>? emails = null;
            Dictionary<string, string>? groups = null;
            try
            {
                if (owners.Any(o => o.Users.Length > 0))
                {
                    emails = (await people.MembersAsync(context).ConfigureAwait(false))
                        .GroupBy(u => u.Id).ToDictionary(g => g.Key, g => g.First().Email ?? g.First().ToString());
                }

                if (owners.Any(o => o.Groups.Length > 0))
                {
                    groups = (await people.GroupsAsync(context).ConfigureAwait(false))
                        .GroupBy(g => g.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Name ?? g.Key, StringComparer.OrdinalIgnoreCase);
                }
            }
            catch (TallyfyApiException)
            {
                // Light members may not list the members or groups: the owners stay shown by id.
            }

            foreach (TallyfyTaskOwners o in owners)
            {
                if (emails != null)
                {
                    o.UserEmails = o.Users.Select(id => emails.TryGetValue(id, out string? email) ? email : null).ToArray();
                }

                if (groups != null)
                {
                    o.GroupNames = o.Groups.Select(id => groups.TryGetValue(id, out string? name) ? name : null).ToArray();
                }
            }
        }
    }
}
