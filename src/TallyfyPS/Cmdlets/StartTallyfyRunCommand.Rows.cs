using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TallyfyPS.Client;
using TallyfyPS.Model;
using TallyfyPS.Operations;

namespace TallyfyPS.Cmdlets
{
    /// <summary>Start-TallyfyRun's input: one row per ProcessRecord call, with its template and values.</summary>
    public sealed partial class StartTallyfyRunCommand
    {
        private sealed partial class Launching
        {
            public IEnumerable<WorkItem<LaunchRow>> Read(InputReader reader)
            {
                int row = ++_rows;
                bool piped = _cmdlet.MyInvocation.ExpectingInput;
                var launch = new LaunchRow(row, piped, Name);
                var item = new WorkItem<LaunchRow>(Ids.Normalize(TemplateId) ?? string.Empty, (object?)InputObject ?? Name, launch) { Known = new RecordState(KnownState.Unknown, Name) };
                if ((LaunchRow.NameMissing(row, piped, Name, InputObject) ?? TextArguments.Check(piped ? $"Row {row}'s Name" : "-Name", Name, multiLine: false, item.Target)) is ErrorRecord badName)
                {
                    item.Refusal = badName;
                    yield return item;
                    yield break;
                }

                object? input = InputObject?.BaseObject;
                string? templateId = Ids.Normalize(TemplateId);
                IEnumerable<KeyValuePair<string, object?>> columns = Enumerable.Empty<KeyValuePair<string, object?>>();
                switch (input)
                {
                    case TallyfyTemplate template:
                        if (templateId != null && !string.Equals(templateId, template.Id, StringComparison.OrdinalIgnoreCase))
                        {
                            item.Refusal = Disagree(launch, templateId, template.Id, item.Target);
                            yield return item;
                            yield break;
                        }

                        templateId = Ids.Normalize(template.Id);
                        if (templateId != null && template.KickoffFields.Count > 0)
                        {
                            _templates.Set(templateId, template);
                        }

                        break;
                    case TallyfyRun _:
                    case TallyfyTask _:
                        item.Refusal = Errors.New(ErrorIds.TemplateRequired, ErrorCategory.InvalidArgument, input,
                            $"{Describe(launch)}: Start-TallyfyRun launches from a template, and this is a {(input is TallyfyRun ? "run" : "task")}. Nothing was sent for it.",
                            "Pipe the template instead: Get-TallyfyTemplate -Id <the run's TemplateId> | Start-TallyfyRun -Name ...");
                        yield return item;
                        yield break;
                    case null:
                        break;
                    case string text:
                        string? pipedId = Ids.Normalize(text);
                        if (pipedId is null || (templateId != null && !string.Equals(templateId, pipedId, StringComparison.OrdinalIgnoreCase)))
                        {
                            item.Refusal = pipedId is null ? Errors.InvalidId(Noun.Template, text, text) : Disagree(launch, templateId!, pipedId, text);
                            yield return item;
                            yield break;
                        }

                        templateId = pipedId;
                        break;
                    default:
                        {
                            columns = FieldArguments.Pairs(InputObject, Reserved);
                            string? fromRow = TemplateColumns
                                .Select(n => InputObject!.Properties[n]?.Value?.ToString()).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                            if (fromRow != null)
                            {
                                string? rowId = Ids.Normalize(fromRow);
                                if (rowId is null)
                                {
                                    item.Refusal = Errors.InvalidId(Noun.Template, fromRow, item.Target);
                                    yield return item;
                                    yield break;
                                }

                                if (templateId != null && !string.Equals(templateId, rowId, StringComparison.OrdinalIgnoreCase))
                                {
                                    item.Refusal = Disagree(launch, templateId, rowId, item.Target);
                                    yield return item;
                                    yield break;
                                }

                                templateId = rowId;
                            }
                        }

                        break;
                }

                if (templateId is null)
                {
                    item.Refusal = Errors.TemplateRequired(Describe(launch), item.Target);
                    yield return item;
                    yield break;
                }

                launch.TemplateId = templateId;
                launch.Values = FieldArguments.Merge(FieldArguments.Pairs(Field), columns);
                yield return new WorkItem<LaunchRow>(templateId, item.Target, launch) { Known = item.Known, Key = JournalKey(launch) };
            }
        }
    }
}
