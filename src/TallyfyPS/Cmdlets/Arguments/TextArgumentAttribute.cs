using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using TallyfyPS.Client;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Marks a parameter that is a name or a title (or, with <see cref="MultiLine"/>, a summary or description) sent to
    /// Tallyfy: <see cref="TextArguments.Problem"/> refuses a value with a control character (<see cref="TextRules"/>)
    /// with the InvalidCharacter error naming the parameter, before anything is sent.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class TextArgumentAttribute : Attribute
    {
        /// <summary>Tabs and line breaks are allowed (a summary, a description).</summary>
        public bool MultiLine { get; set; }
    }

    /// <summary>The one check of every [TextArgument] parameter (and of a launch row's Name).</summary>
    internal static class TextArguments
    {
        /// <summary>The InvalidCharacter error for the first bound [TextArgument] parameter whose value holds a control character; or null.</summary>
        public static ErrorRecord? Problem(PSCmdlet cmdlet, object? target = null)
        {
            foreach (PropertyInfo property in cmdlet.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!(property.GetCustomAttribute<TextArgumentAttribute>() is TextArgumentAttribute text) ||
                    !cmdlet.MyInvocation.BoundParameters.TryGetValue(property.Name, out object? value))
                {
                    continue;
                }

                foreach (string one in Strings(value))
                {
                    if (Check("-" + property.Name, one, text.MultiLine, target) is ErrorRecord error)
                    {
                        return error;
                    }
                }
            }

            return null;
        }

        /// <summary>The InvalidCharacter error for one value named <paramref name="field"/> ("-Title", "the Name column"), or null.</summary>
        public static ErrorRecord? Check(string field, string? value, bool multiLine, object? target)
        {
            int at = TextRules.FirstControl(value, multiLine);
            return at < 0 ? null : Errors.InvalidCharacter(field, value!, TextRules.Describe(value!, at), multiLine, target);
        }

        private static string[] Strings(object? value)
        {
            value = value is PSObject ps ? ps.BaseObject : value;
            return value switch
            {
                null => new string[0],
                string s => new[] { s },
                IEnumerable list => list.Cast<object?>().Select(v => v is PSObject p ? p.BaseObject : v).OfType<string>().ToArray(),
                _ => new string[0],
            };
        }
    }
}
