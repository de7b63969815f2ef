using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// A filter parameter that takes wildcards (-Email 'marco*', -Name '*Rossi'): matched on the client with
    /// WildcardPattern (any case), with a literal part handed to Tallyfy's q search where one helps, and each
    /// wildcard-free value that matched nothing remembered so the cmdlet can say so (as Get-Item does).
    /// </summary>
    internal sealed class WildcardFilter
    {
        private static readonly Regex Special = new Regex(@"\[[^\]]*\]|[*?]", RegexOptions.CultureInvariant);
        private readonly string[] _values;
        private readonly WildcardPattern[] _patterns;
        private readonly bool[] _matched;

        public WildcardFilter(string parameter, IEnumerable<string?>? values)
        {
            Parameter = parameter;
            _values = (values ?? Array.Empty<string?>()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!.Trim()).ToArray();
            _patterns = _values.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            _matched = new bool[_values.Length];
        }

        public string Parameter { get; }

        /// <summary>False when the parameter was not given: everything matches.</summary>
        public bool IsActive => _values.Length > 0;

        /// <summary>
        /// The text to hand to Tallyfy's q search (a substring search): the longest literal run of the one value given,
        /// when it has at least two characters; null when q cannot narrow the list safely (several values, escapes).
        /// </summary>
        public string? SearchTerm
        {
            get
            {
                if (_values.Length != 1 || _values[0].IndexOf('`') >= 0)
                {
                    return null;
                }

                string longest = Special.Split(_values[0]).OrderByDescending(s => s.Length).FirstOrDefault() ?? string.Empty;
                return longest.Length >= 2 ? longest : null;
            }
        }

        /// <summary>Whether any of the texts matches any value (and notes which values matched).</summary>
        public bool Matches(params string?[] texts)
        {
            if (!IsActive)
            {
                return true;
            }

            bool any = false;
            for (int i = 0; i < _patterns.Length; i++)
            {
                if (texts.Any(t => t != null && _patterns[i].IsMatch(t)))
                {
                    _matched[i] = true;
                    any = true;
                }
            }

            return any;
        }

        /// <summary>The wildcard-free values that matched nothing.</summary>
        public IEnumerable<string> Unmatched() =>
            _values.Where((v, i) => !_matched[i] && !WildcardPattern.ContainsWildcardCharacters(v));
    }
}
