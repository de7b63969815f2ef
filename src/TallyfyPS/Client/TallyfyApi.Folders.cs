using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>Folders of runs and of blueprints.</summary>
    public sealed partial class TallyfyApi
    {
        /// <summary>
        /// Every folder of a type (run, checklist; null: both), each with its path among the folders read
        /// ("Finance/Archive 2024").
        /// </summary>
        public async Task<IReadOnlyList<TallyfyFolder>> FoldersAsync(string organizationId, string? folderType, CallContext context)
        {
            var request = new ApiRequest(HttpMethod.Get, Paths.Folders(organizationId))
            {
                Query = folderType is null ? null : new[] { new KeyValuePair<string, string>("folder_type", folderType) },
            };
            var walker = new PagedWalker<TallyfyFolder>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Folder(e, organizationId), counter),
                Paths.MaxPageSize, f => f.Id);
            var all = new List<TallyfyFolder>();
            while (await walker.NextAsync(context).ConfigureAwait(false) is IReadOnlyList<TallyfyFolder> page)
            {
                all.AddRange(page);
            }

            var byId = all.GroupBy(f => f.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (TallyfyFolder folder in all)
            {
                var names = new List<string> { folder.Name };
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { folder.Id };
                for (string? parent = folder.ParentId; parent != null && seen.Add(parent) && byId.TryGetValue(parent, out TallyfyFolder? p); parent = p.ParentId)
                {
                    names.Insert(0, p.Name);
                }

                folder.Path = string.Join("/", names);
            }

            return all;
        }
    }
}
