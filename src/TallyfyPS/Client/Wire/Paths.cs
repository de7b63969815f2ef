using System.Collections.Generic;

namespace TallyfyPS.Client
{
    /// <summary>Every path and fixed query of Tallyfy's API that TallyfyPS uses, in one place.</summary>
    internal static class Paths
    {
        /// <summary>The largest page the service gives.</summary>
        public const int MaxPageSize = 100;

        public static string Me => "me";

        public static string MyOrganizations => "me/organizations";

        public static string OAuthToken => "oauth/token";

        public static string Organization(string org) => "organizations/" + TallyfyClient.Segment(org);

        /// <summary>
        /// A raw path (Invoke-TallyfyApi) under the organization: <c>organizations/{org}/</c> is put in front unless the
        /// path starts with <c>me</c>, <c>organizations/</c> or <c>oauth/</c> (which are not the organization's).
        /// </summary>
        public static string UnderOrganization(string org, string path)
        {
            int slash = path.IndexOf('/');
            string first = slash < 0 ? path : path.Substring(0, slash);
            return first == "me" || first == "organizations" || first == "oauth" ? path : Organization(org) + "/" + path;
        }

        public static string Runs(string org) => Organization(org) + "/runs";

        public static string Run(string org, string id) => Runs(org) + "/" + TallyfyClient.Segment(id);

        public static string RunTasks(string org, string runId) => Run(org, runId) + "/tasks";

        public static string Tasks(string org) => Organization(org) + "/tasks";

        public static string Task(string org, string id) => Tasks(org) + "/" + TallyfyClient.Segment(id);

        public static string Users(string org) => Organization(org) + "/users";

        public static string User(string org, long id) => Users(org) + "/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        public static string UserInvite(string org) => Users(org) + "/invite";

        public static string UserRole(string org, long id) => User(org, id) + "/role";

        public static string UserDisable(string org, long id) => User(org, id) + "/disable";

        public static string UserEnable(string org, long id) => User(org, id) + "/enable";

        /// <summary>DELETE: deletes a disabled member for good.</summary>
        public static string UserDeletion(string org, long id) => User(org, id) + "/delete";

        public static string Guests(string org) => Organization(org) + "/guests";

        /// <summary>One guest, by its email (escaped as a path segment: <c>@</c> is <c>%40</c>).</summary>
        public static string Guest(string org, string email) => Guests(org) + "/" + System.Uri.EscapeDataString(email);

        public static string Groups(string org) => Organization(org) + "/groups";

        public static string Group(string org, string id) => Groups(org) + "/" + TallyfyClient.Segment(id);

        public static string Tags(string org) => Organization(org) + "/tags";

        public static string Tag(string org, string id) => Tags(org) + "/" + TallyfyClient.Segment(id);

        /// <summary>Tag associations (tagging runs and templates): POST to tag, DELETE .../{association id} to untag.</summary>
        public static string TagAssociations(string org) => Organization(org) + "/checklists/tags";

        public static string TagAssociation(string org, string associationId) => TagAssociations(org) + "/" + TallyfyClient.Segment(associationId);

        public static string Folders(string org) => Organization(org) + "/folders";

        public static string ActivityFeed(string org) => Organization(org) + "/activity-feeds";

        public static string Collection(RecordKind kind, string org) => Organization(org) + "/" + kind.Collection;

        public static string Record(RecordKind kind, string org, string id) => Collection(kind, org) + "/" + TallyfyClient.Segment(id);

        /// <summary>DELETE: deletes an archived record for good.</summary>
        public static string RecordDeletion(RecordKind kind, string org, string id) => Record(kind, org, id) + "/delete";

        /// <summary>PUT: brings an archived record back (activate for runs, unarchive for tasks).</summary>
        public static string RecordRestore(RecordKind kind, string org, string id) => Record(kind, org, id) + "/" + kind.RestoreVerb;

        /// <summary>The archived records of a kind, searched by name where known.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> ArchivedOnly(RecordKind kind, string? name)
        {
            var query = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("archived", "only") };
            if (kind.ListFilter != null)
            {
                query.Add(new KeyValuePair<string, string>(kind.ListFilter, "true"));
            }

            if (!string.IsNullOrEmpty(name))
            {
                query.Add(new KeyValuePair<string, string>("q", name!));
            }

            return query;
        }

        // Templates, launching and working on tasks (completion, updates, comments)
        public static string Templates(string org) => Organization(org) + "/checklists";

        public static string Template(string org, string id) => Templates(org) + "/" + TallyfyClient.Segment(id);

        public static string TemplateSteps(string org, string templateId) => Template(org, templateId) + "/steps";

        public static string TemplateStep(string org, string templateId, string stepId) => TemplateSteps(org, templateId) + "/" + TallyfyClient.Segment(stepId);

        public static string Folder(string org, string id) => Folders(org) + "/" + TallyfyClient.Segment(id);

        /// <summary>POST: puts a run (or template) in a folder; the answer is the folder-object.</summary>
        public static string FolderObjects(string org) => Folders(org) + "/add-object";

        /// <summary>DELETE: takes a run out of a folder, by the folder-object's id.</summary>
        public static string FolderObject(string org, string folderObjectId) => Organization(org) + "/folders-objects/" + TallyfyClient.Segment(folderObjectId);

        public static string RunTask(string org, string runId, string taskId) => RunTasks(org, runId) + "/" + TallyfyClient.Segment(taskId);

        public static string RunCompletedTasks(string org, string runId) => Run(org, runId) + "/completed-tasks";

        public static string RunCompletedTask(string org, string runId, string taskId) => RunCompletedTasks(org, runId) + "/" + TallyfyClient.Segment(taskId);

        public static string CompletedTasks(string org) => Organization(org) + "/completed-tasks";

        public static string CompletedTask(string org, string taskId) => CompletedTasks(org) + "/" + TallyfyClient.Segment(taskId);

        public static string TaskComments(string org, string taskId) => Task(org, taskId) + "/comment";

        public static string TaskComment(string org, string taskId, string commentId) => TaskComments(org, taskId) + "/" + TallyfyClient.Segment(commentId);

        public static string TaskProblem(string org, string taskId) => Task(org, taskId) + "/problem";

        public static string TaskResolvedThreads(string org, string taskId) => Task(org, taskId) + "/resolved-threads";

        public static string RunComments(string org, string runId) => Run(org, runId) + "/comment";

        public static string RunProblem(string org, string runId) => Run(org, runId) + "/problem";

        public static string RunResolvedThreads(string org, string runId) => Run(org, runId) + "/resolved-threads";

    }
}
