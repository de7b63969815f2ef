using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace TallyfyPS.Cmdlets
{
    /// <summary>What a confirmation decided for one item.</summary>
    internal enum Confirmation
    {
        Proceed,
        Declined,
        /// <summary>-WhatIf: the item was described, nothing may be sent.</summary>
        WhatIf,
    }

    /// <summary>
    /// -WhatIf, -Confirm, -Force, $ConfirmPreference and whether the host can prompt, decided once per call.
    /// ShouldProcess alone is not enough, for two reasons. A cmdlet declares one ConfirmImpact, but
    /// Remove-TallyfyRun is recoverable (Medium) when it archives and irreversible (High) when it deletes for
    /// good; ShouldProcess prompts by the declared impact only, so an irreversible call that ShouldProcess would
    /// not prompt for asks a ShouldContinue question instead (never both: one prompt per item, whose "No to All"
    /// ends the prompting). And ShouldProcess finds out that a host cannot prompt only at the first item, after
    /// reads may have been sent; here it is known before any request, so a runbook stops with
    /// ConfirmationRequired having sent nothing. The irreversible question is asked with the host's own choice
    /// prompt (Yes, Yes to All, No, No to All) whose default is No: Enter never deletes. ShouldProcess and
    /// ShouldContinue default to Yes, and their default cannot be changed.
    /// </summary>
    internal sealed class ConfirmationPolicy
    {
        private readonly PSCmdlet _cmdlet;
        private readonly bool _force;
        private readonly bool _irreversible;
        private readonly bool _processPrompts;
        private readonly bool _continuePrompts;
        private bool _yesToAll;
        private bool _noToAll;

        /// <param name="irreversible">Whether the call cannot be undone (then it prompts as high impact).</param>
        public ConfirmationPolicy(PSCmdlet cmdlet, bool irreversible)
        {
            _cmdlet = cmdlet;
            bool force = Bound("Force") ?? false;
            _force = force;
            _irreversible = irreversible;
            WhatIf = SwitchOrPreference("WhatIf", "WhatIfPreference");
            bool? confirm = Bound("Confirm");
            ConfirmImpact preference = ConfirmPreference();
            // ShouldProcess prompts with -Confirm, or when the declared impact reaches $ConfirmPreference.
            _processPrompts = !WhatIf && !force && (confirm ?? (preference != ConfirmImpact.None && DeclaredImpact() >= preference));
            // The irreversible question: when ShouldProcess did not ask, unless -Confirm:$false or $ConfirmPreference = 'None'.
            _continuePrompts = !WhatIf && !force && irreversible && !_processPrompts && confirm != false && preference != ConfirmImpact.None;
        }

        public bool WhatIf { get; }

        /// <summary>Whether items will be prompted for (so their names are worth reading first).</summary>
        public bool WillPrompt => _processPrompts || _continuePrompts;

        /// <summary>A terminating ConfirmationRequired, before any request, when the call would prompt in a host that cannot.</summary>
        public void EnsureCanPrompt(string what)
        {
            if (WillPrompt && HostCannotPrompt())
            {
                _cmdlet.ThrowTerminatingError(Errors.ConfirmationRequired(_cmdlet.MyInvocation.MyCommand.Name, what, null, null));
            }
        }

        /// <summary>Asks (or not) about one item: at most one prompt, in the words the user will see.</summary>
        /// <param name="target">"'Q3 audit' (run 9f2c...)".</param>
        public Confirmation Confirm(string target, BulkAction action)
        {
            string caption = $"{action.Verb} Tallyfy {action.Noun.Name}";
            string question = action.Consequence != null
                ? $"{action.Verb} {target}? {action.Consequence}"
                : _irreversible
                ? $"{action.Verb} {target}? This cannot be undone: the {action.Noun.Name} and everything in it are removed for good."
                : $"{action.Verb} {target}?";
            try
            {
                if (WhatIf)
                {
                    _cmdlet.ShouldProcess(target, action.Verb); // writes "What if: Performing the operation ..."
                    return Confirmation.WhatIf;
                }

                if (_force)
                {
                    return Confirmation.Proceed;
                }

                if ((_processPrompts && _irreversible) || _continuePrompts)
                {
                    // The prompt says that this one cannot be undone, and its default is No.
                    return AskIrreversible(caption, question);
                }

                // ShouldProcess writes the Verbose line ("Performing the operation ...") and honours -WhatIf set
                // by preference in a way that only it knows; it does not prompt here.
                return _cmdlet.ShouldProcess(target, action.Verb) ? Confirmation.Proceed : Confirmation.Declined;
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is HostException || ex is NotImplementedException)
            {
                _cmdlet.ThrowTerminatingError(Errors.ConfirmationRequired(_cmdlet.MyInvocation.MyCommand.Name,
                    $"{Client.Words.ThirdPerson(action.Verb)} {target}", ex.Message, target));
                return Confirmation.Declined;
            }
        }

        /// <summary>
        /// One question for an irreversible change: Yes, Yes to All, No, No to All, with No the default (Enter, or an
        /// empty answer, declines). "Yes to All" and "No to All" answer every later item of the call without asking.
        /// </summary>
        private Confirmation AskIrreversible(string caption, string question)
        {
            if (_yesToAll)
            {
                return Confirmation.Proceed;
            }

            if (_noToAll)
            {
                return Confirmation.Declined;
            }

            PSHostUserInterface ui = _cmdlet.Host?.UI ?? throw new PSInvalidOperationException("The host has no user interface to ask with.");
            var choices = new Collection<ChoiceDescription>
            {
                new ChoiceDescription("&Yes", "Do it for this item only."),
                new ChoiceDescription("Yes to &All", "Do it for this item and every later one of this command, without asking again."),
                new ChoiceDescription("&No", "Skip this item (nothing is sent for it). The default."),
                new ChoiceDescription("No to A&ll", "Skip this item and every later one of this command, without asking again."),
            };
            switch (ui.PromptForChoice(caption, question, choices, NoChoice))
            {
                case 0:
                    return Confirmation.Proceed;
                case 1:
                    _yesToAll = true;
                    return Confirmation.Proceed;
                case 3:
                    _noToAll = true;
                    return Confirmation.Declined;
                default:
                    return Confirmation.Declined;
            }
        }

        /// <summary>The index of "No" among the irreversible question's choices: its default.</summary>
        private const int NoChoice = 2;

        private bool SwitchOrPreference(string parameter, string preference) =>
            Bound(parameter) ?? LanguagePrimitives.IsTrue(_cmdlet.SessionState.PSVariable.GetValue(preference));

        private bool? Bound(string parameter) =>
            _cmdlet.MyInvocation.BoundParameters.TryGetValue(parameter, out object? value)
                ? value is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(value)
                : (bool?)null;

        private ConfirmImpact ConfirmPreference()
        {
            object? value = _cmdlet.SessionState.PSVariable.GetValue("ConfirmPreference");
            if (value is ConfirmImpact impact)
            {
                return impact;
            }

            return value != null && Enum.TryParse(value.ToString(), true, out ConfirmImpact parsed) ? parsed : ConfirmImpact.High;
        }

        private ConfirmImpact DeclaredImpact()
        {
            var attribute = (CmdletAttribute?)Attribute.GetCustomAttribute(_cmdlet.GetType(), typeof(CmdletAttribute));
            return attribute?.ConfirmImpact ?? ConfirmImpact.Medium;
        }

        /// <summary>
        /// True in hosts that cannot ask: pwsh -NonInteractive, hosted runspaces without a UI, Azure Automation.
        /// PowerShell does not tell a cmdlet whether its console host was started with -NonInteractive, so the
        /// process's own arguments are read, up to the script's (what follows -Command or -File is the script's).
        /// </summary>
        private bool HostCannotPrompt() => CannotPrompt(_cmdlet.Host);

        /// <summary>True in hosts that cannot ask (see <see cref="HostCannotPrompt"/>): what any cmdlet that asks checks first.</summary>
        internal static bool CannotPrompt(PSHost? host)
        {
            if (host?.UI is null || string.Equals(host.Name, "Default Host", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (!string.Equals(host.Name, "ConsoleHost", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            foreach (string arg in Environment.GetCommandLineArgs().Skip(1))
            {
                if (arg.Length < 2 || (arg[0] != '-' && arg[0] != '/'))
                {
                    continue;
                }

                string name = arg.Substring(1).ToLowerInvariant();
                if (name.Length >= 4 && "noninteractive".StartsWith(name, StringComparison.Ordinal))
                {
                    return true;
                }

                if (name == "c" || name == "command" || name == "f" || name == "file" || name == "e" || name == "ec" || name == "encodedcommand")
                {
                    break;
                }
            }

            return false;
        }
    }
}
