using System;
using System.Collections.Generic;
using TallyfyPS.Client;

namespace TallyfyPS.Operations
{
    /// <summary>What a launch is made of: the template, the run's name, and its kick-off values by field id.</summary>
    internal sealed class NewRun
    {
        public NewRun(string templateId, string name)
        {
            TemplateId = templateId ?? throw new ArgumentNullException(nameof(templateId));
            Name = name ?? throw new ArgumentNullException(nameof(name));
        }

        public string TemplateId { get; }

        public string Name { get; }

        public string? Summary { get; set; }

        /// <summary>The run's owner (a member's id).</summary>
        public long? OwnerId { get; set; }

        /// <summary>Tag ids.</summary>
        public IReadOnlyList<string>? Tags { get; set; }

        /// <summary>Kick-off values in the API's shapes, by field id (see <see cref="FieldValueConverter"/>).</summary>
        public IReadOnlyDictionary<string, object?>? Prerun { get; set; }
    }
}
