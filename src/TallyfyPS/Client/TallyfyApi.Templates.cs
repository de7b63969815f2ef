using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Templates (the API's checklists): one by id, filtered lists, and a short catalog for tab completion.</summary>
    internal sealed partial class TallyfyApi
    {
        private static readonly TimeSpan CatalogLifetime = TimeSpan.FromMinutes(2);
        private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<RecordSuggestion> Items)> _templateCatalogs =
            new ConcurrentDictionary<string, (DateTimeOffset, IReadOnlyList<RecordSuggestion>)>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// One template, its kick-off fields always included. Tallyfy answers a read of an archived template with 404,
        /// so a 404 is looked up in the archived list before it is reported: an archived template comes back with
        /// ArchivedAt set, and only a template that is in neither list is NotFound.
        /// </summary>
        public async Task<TallyfyTemplate> GetTemplateAsync(string organizationId, string id, TemplateInclude include, RequestCounter counter)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Template(organizationId, id)) { Query = WithQuery(TemplateQuery.With(include)) };
            using (ApiResponse r = await Http.SendAsync(request, counter).ConfigureAwait(false))
            {
                if (r.Status != 404)
                {
                    r.EnsureSuccess();
                    return Mapper.Template(r.Data(), organizationId);
                }

                var archived = new ApiRequest(HttpMethod.Get, Paths.Templates(organizationId))
                {
                    Query = new TemplateQuery { Archived = ArchivedFilter.Only, Include = include }.ToQuery(),
                };
                (bool found, TallyfyTemplate match) = await Http.FindInPagesAsync(archived, e => Mapper.Template(e, organizationId),
                    t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase), counter).ConfigureAwait(false);
                return found ? match : throw r.ToException();
            }
        }

        /// <summary>One step of a template, with its assignees (members, guests, groups), as Tallyfy has it now.</summary>
        public async Task<TallyfyStep> GetStepAsync(string organizationId, string templateId, string stepId, RequestCounter counter)
        {
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Get, Paths.TemplateStep(organizationId, templateId, stepId)), counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.Step(r.Data(), templateId, organizationId);
        }

        /// <param name="first">How many templates the caller will take at most: a smaller first page is asked for.</param>
        public PagedWalker<TallyfyTemplate> ListTemplates(string organizationId, TemplateQuery query, ulong first = ulong.MaxValue, ulong skip = 0)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Templates(organizationId)) { Query = query.ToQuery() };
            return new PagedWalker<TallyfyTemplate>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Template(e, organizationId), counter),
                PageSize(first), t => t.Id, Skipped(skip));
        }

        /// <summary>
        /// The organization's live templates (id, title, status) for tab completion: read once (up to 500, one page of
        /// 100 per request, each tried once) and kept for two minutes, so completing as one types costs nothing.
        /// </summary>
        public async Task<IReadOnlyList<RecordSuggestion>> TemplateCatalogAsync(string organizationId, CallContext context)
        {
            if (_templateCatalogs.TryGetValue(organizationId, out var cached) && DateTimeOffset.UtcNow - cached.At < CatalogLifetime)
            {
                return cached.Items;
            }

            var request = new ApiRequest(HttpMethod.Get, Paths.Templates(organizationId)) { SingleTry = true };
            var items = new List<RecordSuggestion>();
            for (int page = 1; page <= 5; page++)
            {
                ApiPage<RecordSuggestion> found = await Http.GetPageAsync(request, page, Paths.MaxPageSize,
                    e => new RecordSuggestion(Json.RequiredId(e, "id"), (Json.String(e, "title") ?? string.Empty).Replace('\n', ' '), Json.String(e, "status")),
                    context.NewCounter()).ConfigureAwait(false);
                items.AddRange(found.Items);
                if (!found.HasMore || found.Items.Count == 0)
                {
                    break;
                }
            }

            _templateCatalogs[organizationId] = (DateTimeOffset.UtcNow, items);
            return items;
        }
    }
}
