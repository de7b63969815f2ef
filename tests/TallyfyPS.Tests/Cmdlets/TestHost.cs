using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;

namespace TallyfyPS.Tests.Cmdlets;

/// <summary>One prompt the host was asked to show.</summary>
public sealed record PromptSeen(string Caption, string Message, string[] Choices, string Answer);

/// <summary>A PSHost whose PromptForChoice answers from a script and records what was asked.</summary>
public sealed class TestHost : PSHost
{
    private readonly TestHostUI _ui = new TestHostUI();
    private readonly Guid _id = Guid.NewGuid();

    public override string Name => "TallyfyTestHost";
    public override Version Version => new Version(1, 0);
    public override Guid InstanceId => _id;
    public override PSHostUserInterface UI => _ui;
    public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

    public TestHostUI Ui => _ui;

    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

public sealed class TestHostUI : PSHostUserInterface
{
    private readonly Queue<string> _answers = new Queue<string>();

    public List<PromptSeen> Prompts { get; } = new List<PromptSeen>();

    public ConcurrentQueue<string> Lines { get; } = new ConcurrentQueue<string>();

    /// <summary>Answers by choice label without '&amp;' ("Yes", "Yes to All", "No", "No to All").</summary>
    public void Answer(params string[] labels)
    {
        foreach (string l in labels)
        {
            _answers.Enqueue(l);
        }
    }

    public override PSHostRawUserInterface RawUI => null!;

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        string[] labels = choices.Select(c => c.Label.Replace("&", string.Empty)).ToArray();
        if (_answers.Count == 0)
        {
            throw new InvalidOperationException($"Unexpected prompt: {caption} / {message}");
        }

        string answer = _answers.Dequeue();
        int index = Array.FindIndex(labels, l => string.Equals(l, answer, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new InvalidOperationException($"No choice '{answer}' among {string.Join(", ", labels)}");
        }

        Prompts.Add(new PromptSeen(caption, message, labels, answer));
        return index;
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("Prompt");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

    public override string ReadLine() => throw new NotSupportedException();
    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
    public override void Write(string value) => Lines.Enqueue(value);
    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Lines.Enqueue(value);
    public override void WriteLine(string value) => Lines.Enqueue(value);
    public override void WriteErrorLine(string value) => Lines.Enqueue("ERROR: " + value);
    public override void WriteDebugLine(string message) => Lines.Enqueue("DEBUG: " + message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }
    public override void WriteVerboseLine(string message) => Lines.Enqueue("VERBOSE: " + message);
    public override void WriteWarningLine(string message) => Lines.Enqueue("WARNING: " + message);
}

/// <summary>A runspace with the built TallyfyPS module imported, hosted by <see cref="TestHost"/>.</summary>
public sealed class HostedShell : IDisposable
{
    public HostedShell()
    {
        Host = new TestHost();
        InitialSessionState iss = InitialSessionState.CreateDefault2();
        iss.ImportPSModule(new[] { typeof(TallyfyPS.Cmdlets.TallyfyCmdlet).Assembly.Location });
        Runspace = RunspaceFactory.CreateRunspace(Host, iss);
        Runspace.Open();
    }

    public TestHost Host { get; }

    public Runspace Runspace { get; }

    /// <summary>Runs a script with the given variables; errors are merged into the output (2>&amp;1 inside the script as needed).</summary>
    public (List<object?> Output, List<ErrorRecord> Errors) Run(string script, IDictionary<string, object?>? variables = null)
    {
        using PowerShell ps = PowerShell.Create();
        ps.Runspace = Runspace;
        if (variables != null)
        {
            foreach (var kv in variables)
            {
                Runspace.SessionStateProxy.SetVariable(kv.Key, kv.Value);
            }
        }

        ps.AddScript(script);
        Collection<PSObject> output = ps.Invoke();
        return (output.Select(o => o?.BaseObject).ToList(), ps.Streams.Error.ToList());
    }

    public void Dispose()
    {
        Runspace.Dispose();
    }
}
