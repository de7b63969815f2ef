using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>
    /// Turns what a cmdlet was given (-Id strings, or anything from the pipeline: ids, records, results of
    /// another TallyfyPS cmdlet, Import-Csv rows, hashtables) into work items, refusing bad ones before any
    /// request with an error that says what was wrong. What an input object already tells (the record's name,
    /// that it is archived, its organization) is kept, so nothing is read again that the input says.
    /// </summary>
    internal sealed class InputReader
    {
        private static readonly string[] OrganizationNames = { "OrganizationId", "organization_id", "OrgId" };

        private readonly InputKind _kind;
        private readonly string _organizationId;
        private readonly string _command;

        public InputReader(InputKind kind, string organizationId, string command)
        {
            _kind = kind;
            _organizationId = organizationId;
            _command = command;
        }

        /// <summary>The property names an input object may carry its id in.</summary>
        public IReadOnlyList<string> IdNames => _kind.IdNames;

        public IEnumerable<WorkItem> FromIds(IEnumerable<string?>? ids)
        {
            foreach (string? raw in ids ?? new string?[] { null })
            {
                yield return FromId(raw, raw);
            }
        }

        public IEnumerable<WorkItem> FromObjects(IEnumerable<PSObject?>? objects)
        {
            foreach (PSObject? input in objects ?? new PSObject?[] { null })
            {
                yield return Read(input?.BaseObject, input);
            }
        }

        /// <summary>One input value: a string id, one of the module's objects, or any object with an id property.</summary>
        public WorkItem Read(object? value, PSObject? wrapper)
        {
            switch (value)
            {
                case null:
                    return FromId(null, null);
                case string text:
                    return FromId(text, text);
            }

            if (_kind.Typed(value, _kind) is KnownInput known)
            {
                return known.Refusal != null ? Refused(known.RawId, value, known.Refusal) : Known(known.RawId, value, known.OrganizationId, known.State);
            }

            return FromProperties(Properties(value, wrapper), wrapper ?? value);
        }

        /// <summary>An id with no more known about it.</summary>
        private WorkItem FromId(string? raw, object? target)
        {
            string? id = _kind.Normalize(raw);
            return id is null ? Refused(raw ?? string.Empty, target, Errors.InvalidId(_kind.Noun, raw, target)) : new WorkItem(id, target);
        }

        /// <summary>A record or result of this module: what it says is known.</summary>
        private WorkItem Known(string rawId, object target, string? organizationId, RecordState known)
        {
            string? id = _kind.Normalize(rawId);
            if (id is null)
            {
                return Refused(rawId, target, Errors.InvalidId(_kind.Noun, rawId, target));
            }

            if (!string.IsNullOrEmpty(organizationId) && !string.Equals(organizationId, _organizationId, StringComparison.OrdinalIgnoreCase))
            {
                return Refused(id, target, Errors.OrganizationMismatch(_kind.Noun, organizationId, _organizationId, id, target));
            }

            return new WorkItem(id, target) { Known = known };
        }

        /// <summary>Any other object (an Import-Csv row, a hashtable, a custom object): its id, name, organization and state by property name.</summary>
        private WorkItem FromProperties(IReadOnlyDictionary<string, object?> properties, object target)
        {
            var ids = IdNames.Select(n => (Name: n, Value: Text(properties, n)))
                .Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToList();
            if (ids.Count == 0)
            {
                return Refused(string.Empty, target, Errors.InputHasNoId(_kind.Noun, _command, IdNames, properties.Keys, target));
            }

            if (ids.Select(p => _kind.Normalize(p.Value) ?? p.Value!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1)
            {
                return Refused(ids[0].Value!, target, Errors.InputIdsDisagree(_kind.Noun, ids.Select(p => new KeyValuePair<string, string>(p.Name, p.Value!)), target));
            }

            string? org = OrganizationNames.Select(n => Text(properties, n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
            string? name = Text(properties, _kind.NameProperty) ?? Text(properties, "name") ?? Text(properties, "title");
            return Known(ids[0].Value!, target, org?.Trim(), StateOf(properties, name));
        }

        /// <summary>What a row says of the record's state: the Action and Status of an exported result, or an ArchivedAt column.</summary>
        private static RecordState StateOf(IReadOnlyDictionary<string, object?> properties, string? name)
        {
            // An exported result says what it did first: its ArchivedAt is empty unless a deletion restored the run to read it.
            string? action = Text(properties, "Action");
            string? status = Text(properties, "Status");
            if (action != null && Enum.TryParse(action, true, out TallyfyAction _))
            {
                if (Enum.TryParse(status, true, out TallyfyRemovalStatus removal) && !string.Equals(action, nameof(TallyfyAction.Restore), StringComparison.OrdinalIgnoreCase))
                {
                    return KnownInput.AfterRemoval(removal, name);
                }

                if (Enum.TryParse(status, true, out TallyfyRestoreStatus restore))
                {
                    return KnownInput.AfterRestore(restore, name);
                }
            }

            if (properties.ContainsKey("ArchivedAt"))
            {
                string? text = Text(properties, "ArchivedAt");
                if (string.IsNullOrWhiteSpace(text))
                {
                    return new RecordState(KnownState.Live, name);
                }

                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset archivedAt))
                {
                    return new RecordState(KnownState.Archived, name, archivedAt);
                }
            }

            return new RecordState(KnownState.Unknown, name);
        }

        private static WorkItem Refused(string id, object? target, ErrorRecord error) => new WorkItem(id, target) { Refusal = error };

        private static IReadOnlyDictionary<string, object?> Properties(object value, PSObject? wrapper)
        {
            var properties = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (value is IDictionary dictionary)
            {
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key?.ToString() is string key && !properties.ContainsKey(key))
                    {
                        properties[key] = entry.Value;
                    }
                }

                return properties;
            }

            foreach (PSPropertyInfo p in (wrapper ?? PSObject.AsPSObject(value)).Properties)
            {
                if (!properties.ContainsKey(p.Name) && p.IsGettable)
                {
                    properties[p.Name] = SafeValue(p);
                }
            }

            return properties;
        }

        private static object? SafeValue(PSPropertyInfo property)
        {
            try
            {
                return property.Value;
            }
            catch (GetValueException)
            {
                return null; // a property whose getter throws says nothing
            }
        }

        private static string? Text(IReadOnlyDictionary<string, object?> properties, string name)
        {
            if (!properties.TryGetValue(name, out object? value) || value is null)
            {
                return null;
            }

            object plain = value is PSObject ps ? ps.BaseObject : value;
            return plain is DateTimeOffset dto ? dto.ToString("o", CultureInfo.InvariantCulture)
                : plain is DateTime dt ? dt.ToString("o", CultureInfo.InvariantCulture)
                : Convert.ToString(plain, CultureInfo.InvariantCulture);
        }
    }
}
