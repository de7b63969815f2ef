using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TallyfyPS.Client;
using TallyfyPS.Model;

namespace TallyfyPS.Operations
{
    /// <summary>
    /// Turns form-field values as people write them (by a field's label, alias or id; a dropdown's text, a list of
    /// choices, a date, a table row, owners by email) into the shapes Tallyfy takes for a launch's prerun and a task's
    /// taskdata, keyed by field id. Tallyfy drops a key that is no field of the template without a word and answers a
    /// bad value with a 422 only sometimes, so every value is checked here, before anything is sent: an unknown or
    /// misspelled name, an option that does not exist, a malformed date or email, a table with the wrong number of
    /// columns, a required field left empty. Values are plain .NET objects (strings, numbers, dates, lists,
    /// dictionaries, TallyfyUser/TallyfyGuest/TallyfyGroup); an empty value (null, blank text, an empty list) is "not
    /// given", as an empty CSV cell is.
    /// </summary>
    internal sealed partial class FieldValueConverter
    {
        private static readonly char[] ListSeparators = { ';', ',' };
        private readonly IReadOnlyList<TallyfyFieldDefinition> _fields;
        private readonly string _kind;

        /// <param name="fields">The fields values may be given for.</param>
        /// <param name="kind">What they are called in messages: "kick-off field", "form field".</param>
        public FieldValueConverter(IEnumerable<TallyfyFieldDefinition> fields, string kind)
        {
            _fields = (fields ?? throw new ArgumentNullException(nameof(fields))).ToList();
            _kind = kind;
        }

        public IReadOnlyList<TallyfyFieldDefinition> Fields => _fields;

        /// <summary>
        /// Converts every value. <paramref name="requireAll"/>: every required field must get a value (a launch);
        /// otherwise only the values given are checked (an update). <paramref name="resolveOwners"/> resolves the
        /// owners of assignees fields (user ids, emails, user/guest/group objects, group names).
        /// </summary>
        public async Task<FieldValueSet> ConvertAsync(IEnumerable<KeyValuePair<string, object?>> values, bool requireAll,
            Func<IReadOnlyList<object?>, Task<ResolvedOwners>>? resolveOwners)
        {
            var result = new Dictionary<string, object?>(StringComparer.Ordinal);
            var problems = new List<FieldProblem>();
            var given = new List<TallyfyFieldDefinition>();
            var namedBy = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, object?> pair in values ?? Enumerable.Empty<KeyValuePair<string, object?>>())
            {
                string name = (pair.Key ?? string.Empty).Trim();
                TallyfyFieldDefinition? field = Find(name, out FieldProblem? notFound);
                if (field is null)
                {
                    problems.Add(notFound!);
                    continue;
                }

                if (namedBy.TryGetValue(field.Id, out string? earlier))
                {
                    problems.Add(new FieldProblem(FieldProblemKind.InvalidValue, name,
                        $"'{Shown(name)}' and '{Shown(earlier)}' name the same {_kind} ('{field.Label}'): give it once."));
                    continue;
                }

                namedBy[field.Id] = name;
                FieldConversion conversion = Convert(field, pair.Value);
                if (conversion.Problem != null)
                {
                    problems.Add(new FieldProblem(FieldProblemKind.InvalidValue, name, conversion.Problem));
                    continue;
                }

                if (!conversion.Given)
                {
                    continue;
                }

                object? value = conversion.Value;
                if (conversion.Owners != null)
                {
                    if (resolveOwners is null)
                    {
                        throw new InvalidOperationException("An assignees field needs an owner resolver.");
                    }

                    ResolvedOwners owners = await resolveOwners(conversion.Owners).ConfigureAwait(false);
                    if (owners.Unresolved.Count > 0)
                    {
                        problems.Add(new FieldProblem(FieldProblemKind.OwnerNotFound, name, $"{Describe(field)} names no one TallyfyPS can find: " +
                            string.Join("; ", owners.Unresolved.Select(u => $"'{Shown(u.Key)}' ({u.Value})")) + "." +
                            (owners.NewGuestRefused ? " To invite an email as a new guest (Tallyfy e-mails it), add -AllowNewGuest." : string.Empty)));
                        continue;
                    }

                    value = OwnersBody(owners);
                }

                result[field.Id] = value;
                given.Add(field);
            }

            if (requireAll)
            {
                foreach (TallyfyFieldDefinition field in _fields.Where(f => f.Required && !namedBy.ContainsKey(f.Id)))
                {
                    problems.Add(new FieldProblem(FieldProblemKind.MissingRequired, field.Label, $"{Describe(field)} is required and has no value."));
                }

                foreach (TallyfyFieldDefinition field in _fields.Where(f => f.Required && namedBy.ContainsKey(f.Id) && !result.ContainsKey(f.Id) &&
                    !problems.Any(p => p.Name == namedBy[f.Id])))
                {
                    problems.Add(new FieldProblem(FieldProblemKind.MissingRequired, field.Label, $"{Describe(field)} is required and its value is empty."));
                }
            }

            // Unknown names first, then ambiguous ones, bad values and missing fields (the order of FieldProblemKind).
            return new FieldValueSet(result, problems.Select((p, i) => (p, i)).OrderBy(x => x.p.Kind).ThenBy(x => x.i).Select(x => x.p).ToList(), given);
        }

        /// <summary>The field a name means: its id, its alias or its label (in that order; case and spaces at the ends do not matter).</summary>
        public TallyfyFieldDefinition? Find(string name, out FieldProblem? problem)
        {
            problem = null;
            string key = (name ?? string.Empty).Trim();
            TallyfyFieldDefinition? byId = _fields.FirstOrDefault(f => string.Equals(f.Id, key, StringComparison.OrdinalIgnoreCase));
            if (byId != null)
            {
                return byId;
            }

            TallyfyFieldDefinition? byAlias = _fields.FirstOrDefault(f => !string.IsNullOrEmpty(f.Alias) && string.Equals(f.Alias, key, StringComparison.OrdinalIgnoreCase));
            if (byAlias != null)
            {
                return byAlias;
            }

            var byLabel = _fields.Where(f => string.Equals(Squeeze(f.Label), Squeeze(key), StringComparison.OrdinalIgnoreCase)).ToList();
            if (byLabel.Count == 1)
            {
                return byLabel[0];
            }

            if (byLabel.Count > 1)
            {
                problem = new FieldProblem(FieldProblemKind.AmbiguousField, key,
                    $"{byLabel.Count} {_kind}s are labelled '{Shown(key)}': name it by its alias or id ({string.Join(", ", byLabel.Select(f => f.Alias ?? f.Id))}).");
                return null;
            }

            string? guess = Closest(key);
            string known = _fields.Count == 0
                ? $"it has no {_kind}s"
                : $"its {_kind}s are " + string.Join(", ", _fields.Take(12).Select(f => "'" + f.Label + "'")) + (_fields.Count > 12 ? ", ..." : string.Empty);
            problem = new FieldProblem(FieldProblemKind.UnknownField, key,
                $"'{Shown(key)}' is not a {_kind} (by label, alias or id){(guess is null ? string.Empty : $"; did you mean '{guess}'?")} ({known}).");
            return null;
        }

        /// <summary>One value in the field's shape: a string, {id,text}, a list of choices, one entry per column, files; or a problem.</summary>
        public FieldConversion Convert(TallyfyFieldDefinition field, object? given)
        {
            if (given is null || IsEmpty(given))
            {
                return FieldConversion.NotGiven;
            }

            object value = given;

            switch (field.Type)
            {
                case "text":
                case "email":
                case "date":
                case "radio":
                case "dropdown":
                    if (!IsScalar(value) && !(field.Type == "dropdown" && value is IDictionary))
                    {
                        return Problem($"{Describe(field)} takes one value, and {Count(value)} {Words.Was(Count(value))} given.");
                    }

                    break;
            }

            switch (field.Type)
            {
                case "text":
                    return FieldConversion.Of(Text(value));
                case "textarea":
                    return FieldConversion.Of(IsScalar(value) ? Text(value) : string.Join("\n", Items(value).Select(Text)));
                case "email":
                    string email = Text(value).Trim();
                    return IsEmail(email) ? FieldConversion.Of(email) : Problem($"{Describe(field)} takes an email address, and '{Shown(email)}' is not one.");
                case "date":
                    DateReading date = Date(value);
                    return date.Value is DateTimeOffset when ? FieldConversion.Of(DateValue(when))
                        : date.IsAmbiguous ? Problem($"{Describe(field)} takes a date, and {date.Problem}")
                        : Problem($"{Describe(field)} takes a date, and '{Shown(Text(value))}' is not one (write it as 2026-12-01 or 2026-12-01T09:00:00Z).");
                case "radio":
                    return Option(field, value) is TallyfyFieldOption radio ? FieldConversion.Of(radio.Text) : NoSuchOption(field, value);
                case "dropdown":
                    return Option(field, value) is TallyfyFieldOption choice ? FieldConversion.Of(Choice(choice, selected: false)) : NoSuchOption(field, value);
                case "multiselect":
                    return Choices(field, value);
                case "table":
                    return Table(field, value);
                case "assignees_form":
                    return FieldConversion.OfOwners(OwnerValues(value));
                case "file":
                    return Files(field, value);
                default:
                    return FieldConversion.Of(IsScalar(value) ? Text(value) : value);
            }
        }

        /// <summary>True for a value that counts as not given: null, blank text, an empty list.</summary>
        public static bool IsEmpty(object? value) => value switch
        {
            null => true,
            DBNull _ => true,
            string s => string.IsNullOrWhiteSpace(s),
            IDictionary d => d.Count == 0,
            IEnumerable e => !e.Cast<object?>().Any(v => !IsEmpty(v)),
            _ => false,
        };

        /// <summary>The owners object Tallyfy takes: all three buckets, always (a missing bucket would be emptied).</summary>
        public static Dictionary<string, object> OwnersBody(ResolvedOwners owners) => new Dictionary<string, object>
        {
            ["users"] = owners.UserIds,
            ["guests"] = owners.Guests.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
            ["groups"] = owners.Groups.Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
        };

        public static bool IsEmail(string s)
        {
            int at = s.IndexOf('@');
            return at > 0 && at < s.Length - 1 && s.IndexOf('@', at + 1) < 0 && !s.Any(char.IsWhiteSpace) && s.IndexOf('.', at) > at + 1;
        }

        private FieldConversion Choices(TallyfyFieldDefinition field, object value)
        {
            IEnumerable<object?> wanted;
            if (value is string text)
            {
                // A CSV cell: one option, or several separated by ';' (or ',').
                wanted = Option(field, text) != null ? new object?[] { text } : Split(text);
            }
            else
            {
                wanted = Items(value);
            }

            var chosen = new List<TallyfyFieldOption>();
            var missing = new List<string>();
            foreach (object? one in wanted.Where(v => !IsEmpty(v)))
            {
                TallyfyFieldOption? option = Option(field, one);
                if (option is null)
                {
                    missing.Add(Shown(Text(one)));
                }
                else if (!chosen.Contains(option))
                {
                    chosen.Add(option);
                }
            }

            if (missing.Count > 0)
            {
                return Problem($"{Describe(field)} has no option {string.Join(", ", missing.Select(m => "'" + m + "'"))} (its options are {OptionList(field)}).");
            }

            return chosen.Count == 0 ? FieldConversion.NotGiven : FieldConversion.Of(chosen.Select(o => (object?)Choice(o, selected: true)).ToList());
        }

        private static IReadOnlyList<object?> OwnerValues(object value) =>
            (value is string s ? Split(s).Select(x => (object?)x) : IsScalar(value) || value is IDictionary ? new[] { value } : Items(value))
            .Where(v => !IsEmpty(v)).ToList();

        private static Dictionary<string, object?> Choice(TallyfyFieldOption option, bool selected)
        {
            var choice = new Dictionary<string, object?> { ["id"] = option.Id, ["text"] = option.Text };
            if (selected)
            {
                choice["selected"] = true;
            }

            return choice;
        }

        /// <summary>The option a value names: its text (case does not matter), its id, or an {id,text} object.</summary>
        private static TallyfyFieldOption? Option(TallyfyFieldDefinition field, object? value)
        {
            if (value is IDictionary d)
            {
                object? id = Lookup(d, "id");
                object? text = Lookup(d, "text");
                return id != null ? Option(field, id) : text != null ? Option(field, text) : null;
            }

            if (value is null)
            {
                return null;
            }

            string text2 = Text(value).Trim();
            TallyfyFieldOption? byText = field.Options.FirstOrDefault(o => string.Equals(o.Text.Trim(), text2, StringComparison.OrdinalIgnoreCase));
            if (byText != null)
            {
                return byText;
            }

            return long.TryParse(text2, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) ? field.Options.FirstOrDefault(o => o.Id == n) : null;
        }

        private FieldConversion NoSuchOption(TallyfyFieldDefinition field, object value)
        {
            string given = value is IDictionary d ? Text(Lookup(d, "text") ?? Lookup(d, "id") ?? string.Empty) : Text(value);
            string? guess = Typos.Nearest(given, field.Options.Select(o => o.Text));
            return Problem($"{Describe(field)} has no option '{Shown(given)}'{(guess is null ? string.Empty : $"; did you mean '{guess}'?")} (its options are {OptionList(field)}).");
        }

        private static string OptionList(TallyfyFieldDefinition field) =>
            field.Options.Count == 0 ? "none" : string.Join(", ", field.Options.Select(o => "'" + o.Text + "'"));

        /// <summary>
        /// A date field's value: the date and clock as written, offset or not (2026-12-31T23:30:00-11:00 stays 31
        /// December), text read by <see cref="DateText"/> in the current culture (an ambiguous 03/04/2026 is refused).
        /// </summary>
        private static DateReading Date(object value)
        {
            switch (value)
            {
                case DateTimeOffset dto:
                    return DateReading.Of(Text(dto), dto);
                case DateTime dt:
                    return DateReading.Of(Text(dt), new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Unspecified), TimeSpan.Zero));
                default:
                    return DateText.Read(Text(value), CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal);
            }
        }

        private static string DateValue(DateTimeOffset when) => when.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        private static FieldConversion Problem(string message) => FieldConversion.Failed(message);

        private string Describe(TallyfyFieldDefinition field) => $"The {_kind} '{field.Label}' ({field.Type})";

        private static bool IsScalar(object? value) => value is string || !(value is IEnumerable) && !(value is IDictionary);

        private static IEnumerable<object?> Items(object? value) =>
            value is string || !(value is IEnumerable list) || value is IDictionary ? new[] { value } : list.Cast<object?>();

        private static int Count(object? value) => Items(value).Count();

        private static IEnumerable<string> Split(string text)
        {
            char separator = text.IndexOf(';') >= 0 ? ';' : ',';
            return text.Split(separator).Select(s => s.Trim()).Where(s => s.Length > 0);
        }

        private static object? Lookup(IDictionary d, string key)
        {
            foreach (object k in d.Keys)
            {
                if (string.Equals(k?.ToString(), key, StringComparison.OrdinalIgnoreCase))
                {
                    return d[k];
                }
            }

            return null;
        }

        private static string Cell(object? value) => value is null ? string.Empty : Text(value);

        private static string Text(object? value)
        {
            switch (value)
            {
                case null:
                    return string.Empty;
                case string s:
                    return s;
                case DateTimeOffset dto:
                    return dto.ToString("o", CultureInfo.InvariantCulture);
                case DateTime dt:
                    return dt.ToString("o", CultureInfo.InvariantCulture);
                case bool b:
                    return b ? "true" : "false";
                case IFormattable f:
                    return f.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString() ?? string.Empty;
            }
        }

        private static bool Same(string? a, string? b) => string.Equals(Squeeze(a), Squeeze(b), StringComparison.OrdinalIgnoreCase);

        private static string Squeeze(string? s) => string.Join(" ", (s ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

        private static string Shown(string? value) => Ids.Display(value);

        /// <summary>The label of the field whose label or alias is nearest to <paramref name="key"/>, when it looks like a typo.</summary>
        private string? Closest(string key)
        {
            string? near = Typos.Nearest(key, _fields.Select(f => f.Label).Concat(_fields.Where(f => !string.IsNullOrEmpty(f.Alias)).Select(f => f.Alias!)));
            return near is null ? null : _fields.FirstOrDefault(f => f.Label == near)?.Label ?? _fields.FirstOrDefault(f => f.Alias == near)?.Label;
        }
    }
}
