using System.Collections.Generic;

namespace TallyfyPS.Client
{
    /// <summary>A template step as a template's with=steps lists it, with its template: what Get-TallyfyAssignment looks for a member in.</summary>
    internal sealed class StepSnapshot
    {
        public StepSnapshot(string templateId, string? templateName, string id, string title, string? summary, IReadOnlyList<long> assignees,
            IReadOnlyList<string> guests, IReadOnlyList<string> groups)
        {
            TemplateId = templateId;
            TemplateName = templateName;
            Id = id;
            Title = title;
            Summary = summary;
            Assignees = assignees;
            Guests = guests;
            Groups = groups;
        }

        public string TemplateId { get; }

        public string? TemplateName { get; }

        public string Id { get; }

        public string Title { get; }

        public string? Summary { get; }

        /// <summary>The member ids assigned to the step.</summary>
        public IReadOnlyList<long> Assignees { get; }

        /// <summary>The guests' emails.</summary>
        public IReadOnlyList<string> Guests { get; }

        /// <summary>The group ids.</summary>
        public IReadOnlyList<string> Groups { get; }
    }
}
