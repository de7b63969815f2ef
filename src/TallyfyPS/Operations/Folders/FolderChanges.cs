using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Creating, renaming, moving and deleting folders. A creation whose answer was lost is settled by the folder list (a
    /// folder of that name under that parent), so a folder is never made twice; a rename sends the whole change and may
    /// be sent again; a deletion whose answer was lost is settled by the list (gone means deleted).
    /// </summary>
    internal sealed partial class TallyfyOperations
    {
        /// <param name="folderType">The API's folder_type: run or checklist.</param>
        public async Task<TallyfyFolder> CreateFolderAsync(string organizationId, string name, string? parentId, string folderType, RequestCounter counter)
        {
            var body = new Dictionary<string, object?> { ["name"] = name, ["folder_type"] = folderType };
            if (parentId != null)
            {
                body["parent_id"] = parentId;
            }

            TallyfyFolder? made = null;
            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Post, Paths.Folders(organizationId))
            {
                JsonBody = body,
                VerifyApplied = async c =>
                {
                    IReadOnlyList<TallyfyFolder> all = await Api.FoldersAsync(organizationId, folderType, c.Context).ConfigureAwait(false);
                    made = all.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase) && string.Equals(f.ParentId, parentId, StringComparison.OrdinalIgnoreCase));
                    return Verification.Of(made != null);
                },
            }, counter).ConfigureAwait(false);
            if (r.AppliedByVerification && made != null)
            {
                return made;
            }

            r.EnsureSuccess();
            TallyfyFolder folder = Mapper.Folder(r.Data(), organizationId);
            folder.FolderType ??= folderType;
            return folder;
        }

        /// <summary>Renames and/or moves a folder: <paramref name="name"/> null keeps it; <paramref name="move"/> sends <paramref name="parentId"/> (null: to the top).</summary>
        public async Task<TallyfyFolder> UpdateFolderAsync(string organizationId, string id, string? name, bool move, string? parentId, RequestCounter counter)
        {
            var body = new Dictionary<string, object?>();
            if (name != null)
            {
                body["name"] = name;
            }

            if (move)
            {
                body["parent_id"] = parentId;
            }

            using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Put, Paths.Folder(organizationId, id)) { JsonBody = body, Repeatable = true }, counter).ConfigureAwait(false);
            r.EnsureSuccess();
            return Mapper.Folder(r.Data(), organizationId);
        }

        /// <summary>Deletes a folder (200 or 204). A lost answer is settled by the folder list of its type.</summary>
        public async Task<RemovalOutcome> DeleteFolderAsync(string organizationId, TallyfyFolder folder, RequestCounter counter)
        {
            var outcome = new RemovalOutcome { Name = folder.Name };
            try
            {
                using ApiResponse r = await Http.SendAsync(new ApiRequest(HttpMethod.Delete, Paths.Folder(organizationId, folder.Id))
                {
                    VerifyApplied = async c =>
                    {
                        IReadOnlyList<TallyfyFolder> all = await Api.FoldersAsync(organizationId, folder.FolderType ?? TallyfyApi.RunFolderType, c.Context).ConfigureAwait(false);
                        return Verification.Of(!all.Any(f => string.Equals(f.Id, folder.Id, StringComparison.OrdinalIgnoreCase)));
                    },
                }, counter).ConfigureAwait(false);
                outcome.MutationSent = true;
                outcome.RequestId = r.RequestId;
                outcome.HttpStatus = r.AppliedByVerification ? 200 : r.Status;
                if (r.IsSuccess)
                {
                    outcome.Status = TallyfyRemovalStatus.Deleted;
                    if (r.AppliedByVerification)
                    {
                        outcome.Message = "The connection failed before the answer came; the folder list showed the folder gone.";
                    }

                    return outcome;
                }

                outcome.Fail(r.ToException(), counter.Sent);
                return outcome;
            }
            catch (TallyfyApiException ex)
            {
                outcome.Fail(ex, counter.Sent);
                return outcome;
            }
        }
    }
}
