using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using TallyfyPS.Model;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A plan row as Move-TallyfyAssignment takes it: a TallyfyAssignment, or any object (an Import-Csv row, a hashtable)
    /// with its Kind, Id, RunId, TemplateId, Name, From (email or id) and To by property name.
    /// </summary>
    internal static class AssignmentRows
    {
        /// <summary>The row, or null with <paramref name="problem"/> saying what is missing.</summary>
        public static TallyfyAssignment? Read(object? value, out string? problem)
        {
            problem = null;
            object? plain = value is PSObject ps ? ps.BaseObject : value;
            if (plain is TallyfyAssignment typed)
            {
                return typed;
            }

            if (plain is null || plain is string)
            {
                problem = "it is " + (plain is null ? "empty" : $"the text '{plain}'") + ", not a row with Kind, Id and From";
                return null;
            }

            PSObject wrapper = value as PSObject ?? PSObject.AsPSObject(plain);
            string? Text(string name)
            {
                object? v = plain is System.Collections.IDictionary d ? (d.Contains(name) ? d[name] : null) : wrapper.Properties[name]?.Value;
                string? s = Convert.ToString(v is PSObject p ? p.BaseObject : v, CultureInfo.InvariantCulture)?.Trim();
                return string.IsNullOrEmpty(s) ? null : s;
            }

            if (!(Text("Kind") is string kindText) || !Enum.TryParse(kindText, true, out TallyfyAssignmentKind kind) || !Enum.IsDefined(typeof(TallyfyAssignmentKind), kind))
            {
                problem = $"its Kind is '{Text("Kind")}', not one of {string.Join(", ", Enum.GetNames(typeof(TallyfyAssignmentKind)))}";
                return null;
            }

            var row = new TallyfyAssignment
            {
                Kind = kind,
                Id = Text("Id") ?? string.Empty,
                Name = Text("Name"),
                RunId = Text("RunId"),
                RunName = Text("RunName"),
                TemplateId = Text("TemplateId"),
                TemplateName = Text("TemplateName"),
                From = Text("From") ?? string.Empty,
                FromId = long.TryParse(Text("FromId"), NumberStyles.None, CultureInfo.InvariantCulture, out long fromId) ? fromId : 0,
                To = Text("To"),
                OrganizationId = Text("OrganizationId") ?? string.Empty,
            };
            var missing = new List<string>();
            if (row.Id.Length == 0) missing.Add("Id");
            if (row.From.Length == 0 && row.FromId == 0) missing.Add("From");
            if (kind == TallyfyAssignmentKind.TemplateStep && row.TemplateId is null) missing.Add("TemplateId");
            if (missing.Count > 0)
            {
                problem = $"it has no {string.Join(" or ", missing)}";
                return null;
            }

            return row;
        }
    }
}
