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
    /// <summary>Tasks: one by id, the organization's and a run's lists, and new one-off tasks.</summary>
    internal sealed partial class TallyfyApi
    {
        public async Task<TallyfyTask> GetTaskAsync(string organizationId, string id, TaskInclude include, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Task(organizationId, id)) { Query = WithQuery(TaskQuery.With(include)) };
            using ApiResponse r = await Http.SendAsync(request, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.Task(r.Data(), organizationId);
        }

        /// <summary>The organization's tasks (of runs and one-off).</summary>
        public PagedWalker<TallyfyTask> ListTasks(string organizationId, TaskQuery query, ulong first = ulong.MaxValue, ulong skip = 0)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Tasks(organizationId)) { Query = query.ToQuery() };
            return new PagedWalker<TallyfyTask>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Task(e, organizationId), counter),
                PageSize(first), t => t.Id, Skipped(skip));
        }

        /// <summary>
        /// The tasks of one run. The service may ignore a status filter on this list, so it is applied to what
        /// comes back as well.
        /// </summary>
        public PagedWalker<TallyfyTask> ListRunTasks(string organizationId, string runId, TaskQuery query, ulong first = ulong.MaxValue, ulong skip = 0)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.RunTasks(organizationId, runId)) { Query = query.ToRunTaskQuery() };
            string? status = query.Status;
            return new PagedWalker<TallyfyTask>(
                async (page, size, counter) =>
                {
                    ApiPage<TallyfyTask> p = await Http.GetPageAsync(request, page, size, e => OfRun(Mapper.Task(e, organizationId), runId), counter).ConfigureAwait(false);
                    return status is null ? p : new ApiPage<TallyfyTask>(
                        p.Items.Where(t => string.Equals(t.Status, status, StringComparison.OrdinalIgnoreCase)).ToList(),
                        p.Total, p.CurrentPage, p.TotalPages, p.HasNextLink);
                },
                PageSize(first), t => t.Id, Skipped(skip));
        }

        /// <summary>Creates a one-off task. A create is never sent twice: if its answer is lost, the error says so.</summary>
        public async Task<TallyfyTask> CreateTaskAsync(string organizationId, NewOneOffTask task, RequestCounter counter)
        {
            var body = new Dictionary<string, object?>
            {
                ["title"] = task.Title,
                ["task_type"] = task.TaskType.ToLowerInvariant(),
                ["owners"] = new Dictionary<string, object>
                {
                    ["users"] = task.Owners?.UserIds ?? Array.Empty<long>(),
                    ["guests"] = task.Owners?.Guests.Distinct(StringComparer.OrdinalIgnoreCase).ToArray() ?? Array.Empty<string>(),
                    ["groups"] = task.Owners?.Groups.Distinct(StringComparer.OrdinalIgnoreCase).ToArray() ?? Array.Empty<string>(),
                },
            };
            if (task.Deadline.HasValue)
            {
                body["deadline"] = WireDates.Deadline(task.Deadline.Value);
            }

            if (task.Description != null)
            {
                body["description"] = task.Description;
            }

            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.Tasks(organizationId)) { JsonBody = body }, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.Task(r.Data(), organizationId);
        }
    }
}
