using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Model;

namespace TallyfyPS.Client
{
    /// <summary>
    /// Folders of runs and of templates. Tallyfy lists only the template (checklist) folders when folder_type is left
    /// out, so every listing names its type, and "both" is two listings merged.
    /// </summary>
    internal sealed partial class TallyfyApi
    {
        /// <summary>The API's folder_type of the folders of runs.</summary>
        public const string RunFolderType = "run";

        /// <summary>The API's folder_type of the folders of templates.</summary>
        public const string TemplateFolderType = "checklist";

        /// <summary>
        /// Every folder of a type (run, checklist; null: both, runs first), each with its path among the folders of its
        /// type ("Finance/Archive 2024") and its type, from the answer or else from the listing that gave it.
        /// </summary>
        public async Task<IReadOnlyList<TallyfyFolder>> FoldersAsync(string organizationId, string? folderType, CallContext context)
        {
            if (folderType is null)
            {
                var both = new List<TallyfyFolder>(await FoldersAsync(organizationId, RunFolderType, context).ConfigureAwait(false));
                both.AddRange(await FoldersAsync(organizationId, TemplateFolderType, context).ConfigureAwait(false));
                return both;
            }

            if (folderType != RunFolderType && folderType != TemplateFolderType)
            {
                throw new ArgumentException("The folder type is 'run' or 'checklist'.", nameof(folderType));
            }

            var request = new ApiRequest(HttpMethod.Get, Paths.Folders(organizationId))
            {
                Query = new[] { new KeyValuePair<string, string>("folder_type", folderType) },
            };
            var walker = new PagedWalker<TallyfyFolder>(
                (page, size, counter) => Http.GetPageAsync(request, page, size, e => Mapper.Folder(e, organizationId), counter),
                Paths.MaxPageSize, f => f.Id);
            // Asked for one type: a folder of another (a service that ignored folder_type) is not one of these.
            List<TallyfyFolder> all = (await walker.AllAsync(context).ConfigureAwait(false))
                .Where(f => f.FolderType is null || string.Equals(f.FolderType, folderType, StringComparison.OrdinalIgnoreCase)).ToList();

            var byId = all.GroupBy(f => f.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (TallyfyFolder folder in all)
            {
                folder.FolderType = folderType;
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
