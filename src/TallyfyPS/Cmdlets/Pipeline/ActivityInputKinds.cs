using System.Linq;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>The input kinds Get-TallyfyActivity reads beyond runs, tasks and tags, for <see cref="InputReader"/>.</summary>
    internal static class ActivityInputKinds
    {
        /// <summary>Blueprints (templates): ids, TallyfyTemplate objects, and objects with a TemplateId, BlueprintId or checklist_id property.</summary>
        public static InputKind Template { get; } = new InputKind(Noun.Template, new[] { "Id", "TemplateId", "BlueprintId", "checklist_id" }, Ids.Normalize, (value, kind) => value switch
        {
            TallyfyTemplate template => KnownInput.Of(template.Id, string.IsNullOrEmpty(template.OrganizationId) ? null : template.OrganizationId, new RecordState(KnownState.Unknown, template.Title)),
            _ => null,
        });
    }
}
