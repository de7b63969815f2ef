# The examples of README.md and docs/en-US, and how DocExamples.Tests.ps1 runs one (dot-sourced by it; also handy to
# see what an example writes: . ./tests/pester/DocExamples.ps1; Invoke-DocExample -Code '...' -Sandbox $sb -Module ...).

function Read-DocExample([string] $Root) {
    # Every case: Source, Page, Name, Code, Output (the example's output block), Prose, Marker.

    function Read-Fence([string[]] $Lines) {
        # The code blocks of the lines: Lang, Text, the Marker line before the fence ('' when none), and StartLine.
        $i = 0
        while ($i -lt $Lines.Count) {
            if ($Lines[$i] -match '^\s*```\s*([\w-]*)\s*$') {
                $lang = $Matches[1]; $start = $i
                $marker = ''
                for ($k = $i - 1; $k -ge 0 -and $Lines[$k].Trim() -eq ''; $k--) { }
                if ($k -ge 0 -and $Lines[$k] -match '^\s*<!--\s*illustration\b') { $marker = $Lines[$k].Trim() }
                $body = [System.Collections.Generic.List[string]]::new()
                $i++
                while ($i -lt $Lines.Count -and $Lines[$i].Trim() -ne '```') { $body.Add($Lines[$i]); $i++ }
                [pscustomobject]@{ Lang = $lang; Text = ($body -join "`n"); Marker = $marker; StartLine = $start + 1 }
            }
            $i++
        }
    }
    $cases = [System.Collections.Generic.List[object]]::new()
    # README: every powershell block; the prose around it is not the block's own text (output checks do not apply).
    $readme = Get-Content (Join-Path $Root 'README.md')
    $n = 0
    foreach ($f in @(Read-Fence $readme | Where-Object Lang -eq 'powershell')) {
        $n++
        $cases.Add(@{ Source = 'README.md'; Page = 'README'; Name = "README.md block $n (line $($f.StartLine))"; Code = $f.Text; Output = ''; Prose = ''; Marker = $f.Marker })
    }
    # Help: each '### Example' of each cmdlet page: its first powershell block is the code, the next code block its output.
    foreach ($file in Get-ChildItem (Join-Path $Root 'docs/en-US') -Filter '*-*.md') {
        $lines = Get-Content $file.FullName
        $inExamples = $false; $current = $null; $examples = [System.Collections.Generic.List[object]]::new()
        foreach ($l in $lines) {
            if ($l -match '^## ') { $inExamples = $l -match '^## EXAMPLES'; $current = $null; continue }
            if (-not $inExamples) { continue }
            if ($l -match '^### (.*)$') { $current = @{ Title = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() }; $examples.Add($current); continue }
            if ($current) { $current.Lines.Add($l) }
        }
        foreach ($e in $examples) {
            $fences = @(Read-Fence $e.Lines)
            $code = $fences | Where-Object Lang -eq 'powershell' | Select-Object -First 1
            $output = $fences | Where-Object { $_ -ne $code -and $_.Lang -ne 'powershell' } | Select-Object -First 1
            # The prose: the lines outside code blocks.
            $inFence = $false
            $prose = @(foreach ($l in $e.Lines) { if ($l -match '^\s*```') { $inFence = -not $inFence; continue }; if (-not $inFence) { $l } }) -join ' '
            $cases.Add(@{ Source = $file.Name; Page = $file.BaseName; Name = "$($file.BaseName): $($e.Title)"; Code = $code.Text; Output = [string]$output.Text; Prose = $prose; Marker = $code.Marker })
        }
    }

    $cases.ToArray()
}

$script:DocExamplePreamble = @'
$ErrorActionPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $ModuleUnderTest
Import-Module $SandboxModule
$acme = Connect-TallyfySandbox $sb
$globex = Connect-Tallyfy -BaseUri $sb.ApiUri -OrganizationId $sb.OtherOrganizationId -AccessToken (ConvertTo-SecureString $sb.Tokens['other'] -AsPlainText -Force) -PassThru
$null = Connect-TallyfySandbox $sb
$org = $sb.OrganizationId
$secret = ConvertTo-SecureString 'sandbox-client-secret' -AsPlainText -Force   # the sandbox's OAuth client 4001
$standardUserToken = ConvertTo-SecureString $sb.Tokens['standard'] -AsPlainText -Force
$live = @(Get-TallyfyRun -Status active -First 3)
if ($live.Count -eq 0) { $live = @(Get-TallyfyRun -First 3) }
$runId = $live[0].Id
$ids = $live.Id
$taskId = if ($runId) { @(Get-TallyfyTask -RunId $runId)[0].Id }
if (-not (Test-Path ./old-runs.csv)) { Get-TallyfyRun -Status complete -First 3 | Select-Object Id | Export-Csv ./old-runs.csv -NoTypeInformation }
if (-not (Test-Path ./launches.csv)) {
@"
Name,Requested by,Department,Audit period end,Auditor email
Q4 audit - Finance,Dana Whitfield,Finance,2026-12-31,jonas.berg@acme.example
Q4 audit - Payroll,Dana Whitfield,Payroll,2026-12-31,jonas.berg@acme.example
"@ | Set-Content ./launches.csv
}
if (-not (Test-Path ./people.csv)) {
@"
Email,FirstName,LastName,Role,Message
nina.park@acme.example,Nina,Park,standard,Welcome to Acme.
marco.reyes@acme.example,Marco,Reyes,standard,
"@ | Set-Content ./people.csv
}
# The prompts of the examples, answered as a user of the sandbox would (a runspace of a test has no one to ask).
function Read-Host([string] $Prompt, [switch] $AsSecureString) {
    $answer = switch -Wildcard ($Prompt) { '*Globex*' { $sb.Tokens['other'] } '*secret*' { 'sandbox-client-secret' } default { $sb.Tokens['admin'] } }
    if ($AsSecureString) { ConvertTo-SecureString $answer -AsPlainText -Force } else { $answer }
}
function Get-Credential([string] $UserName, [string] $Message) {
    # A token as the password (user name 'token'), or an OAuth client's secret (the client id as the user name).
    $password = if ($UserName -eq 'token') { $sb.Tokens['admin'] } else { 'sandbox-client-secret' }
    [pscredential]::new($UserName, (ConvertTo-SecureString $password -AsPlainText -Force))
}
$token = ConvertTo-SecureString $sb.Tokens['admin'] -AsPlainText -Force
$expiredToken = ConvertTo-SecureString 'tly-expired-token' -AsPlainText -Force
function pwsh {
    # A child pwsh with the module, signed in from the TALLYFY_* variables as a runbook would be.
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pre = @(if ((Split-Path $exe -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    $cmd = $args[$args.Count - 1]
    $rest = @($args | Select-Object -First ($args.Count - 1))
    & $exe @pre -NoProfile @($rest | Where-Object { $_ -ne '-Command' }) -Command "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$ModuleUnderTest'; $cmd" 2>&1 | ForEach-Object { "$_" }
}
'@


# The launches.csv of the Start-TallyfyRun examples (Employee onboarding), as Example 2 shows it.
$script:OnboardingCsv = @'
@"
Name,Requested by,Department,Start date,Employment type,Equipment,Buddy
Onboard Jane Doe,Dana,Engineering,2026-12-01,Full-time,Laptop; Monitor,marco.reyes@acme.example
Onboard Raj Patel,Dana,Support,2026-12-08,Contractor,Laptop,liam.oconnor@acme.example
"@ | Set-Content ./launches.csv
'@

$script:LaunchedRuns = '$runs = @(''Onboard Jane Doe'', ''Onboard Raj Patel'' | ForEach-Object { $n = $_; Get-TallyfyRun -Name $n | Where-Object Name -like "$n*" | Select-Object -First 1 })'

# What the examples of one page (or one example, by its name) assume beyond the common preamble (files they read), made from the sandbox.
$script:DocExamplePagePreamble = @{
    'Get-TallyfyJournal' = @'
$null = Get-TallyfyRun -Status complete -First 3 | Remove-TallyfyRun -Permanent -Force -Journal ./retention.journal
$null = New-Item -ItemType Directory ./journals
Copy-Item ./retention.journal ./journals/retention.journal
'@
    'Start-TallyfyRun' = $script:OnboardingCsv
    # The runs Start-TallyfyRun's Example 2 launches (one at a time: the ids the sandbox gives follow the order).
    'Complete-TallyfyTask' = $script:OnboardingCsv + "`n" + '$null = Import-Csv ./launches.csv | Start-TallyfyRun -TemplateId 67871a85b386a8af727663a781376981 -ThrottleLimit 1'
    'Set-TallyfyRun' = $script:OnboardingCsv + "`n" + '$null = Import-Csv ./launches.csv | Start-TallyfyRun -TemplateId 67871a85b386a8af727663a781376981 -ThrottleLimit 1'
    'Set-TallyfyTask' = $script:OnboardingCsv + "`n" + '$null = Import-Csv ./launches.csv | Start-TallyfyRun -TemplateId 67871a85b386a8af727663a781376981 -ThrottleLimit 1'
    'Undo-TallyfyTaskCompletion' = $script:OnboardingCsv + "`n" + '$null = Import-Csv ./launches.csv | Start-TallyfyRun -TemplateId 67871a85b386a8af727663a781376981 -ThrottleLimit 1' + "`n" + '$null = Complete-TallyfyTask -Id fcd2bd3c2fd668e8d97adeb012247442'
    # $runs: those launched runs in the CSV's order (the launch's results); $run: a run with two completed tasks.
    'Complete-TallyfyTask (each)' = $script:LaunchedRuns
    'Set-TallyfyRun (each)' = $script:LaunchedRuns
    'Undo-TallyfyTaskCompletion (each)' = $script:LaunchedRuns + "`n" + '$run = Get-TallyfyRun -Id 3c66edb821a01c4efdbf7977cf5e0874'
    'Set-TallyfyTask (each)' = '$task = @(Get-TallyfyRun -Name ''Onboard Jane Doe'')[0] | Get-TallyfyTask | Where-Object Title -eq ''Assign a buddy'''
    # The organization's limit of comments per hour, one comment short of reached.
    "Add-TallyfyComment: Example 4: Past Tallyfy's comment limit, finished with a journal" = @'
$posted = @(Get-TallyfySandboxRequest $sb -Method POST | Where-Object { $_.Path -match '/(comment|problem|resolved-threads)$' -and $_.Status -lt 300 }).Count
Invoke-TallyfySandboxControl $sb PUT limits @{ commentsPerWindow = $posted + 1; commentWindowSeconds = 3600 } | Out-Null
'@
    # A problem reported on a task of $runId: the run is locked until it is resolved.
    'Resolve-TallyfyProblem' = @'
$null = Add-TallyfyComment -TaskId $taskId -RunId $runId -Text 'The supplier has not sent the invoice.' -Label problem
'@
    # The pages that undo what another page's examples did start from that state.
    'Restore-TallyfyRun' = @'
$null = Remove-TallyfyRun -Id 0fdae120e138bd0ccc5b889be0bcef3d
'@
    'Restore-TallyfyRun: Example 4: Restore from a CSV of removal results' = @'
Get-TallyfyRun -Status delayed | Remove-TallyfyRun | Export-Csv ./archived-runs.csv -NoTypeInformation
'@
    'Restore-TallyfyTask' = @'
$null = Remove-TallyfyTask -Id fcd2bd3c2fd668e8d97adeb012247442
$null = Remove-TallyfyTask -Id 27d63b28c3fb672c7058319f197a4a23 -Permanent -Force
'@
    'Remove-TallyfyComment' = @'
$null = Add-TallyfyComment -TaskId fcd2bd3c2fd668e8d97adeb012247442 -Text 'Renewal quote received, waiting on finance.'
'@
    # The tasks the Wait-TallyfyTask examples wait for, done by "someone else" first, so that the examples return.
    'Wait-TallyfyTask' = @'
$null = Complete-TallyfyTask -Id fcd2bd3c2fd668e8d97adeb012247442
$null = Complete-TallyfyTask -Id 827b4cb3c188b2058b23f126044e1ddd -Approve
$null = Complete-TallyfyTask -Id 1c9dc3255d568f68de614a4c02f8eefe -Reject
'@
    'Import-TallyfyBackup' = @'
$null = Get-TallyfyRun -Status complete -First 3 | Export-TallyfyRun -Path ./backups
'@
}

function Invoke-DocExample([string] $Code, $Sandbox, [string] $Module, [string] $SandboxModule, [string] $WorkRoot, [int] $Width = 250, [string] $Page, [string] $Name) {
    # Runs the block in a fresh runspace: its rendered output (as a console of 250 columns shows it, with the
    # information, warning and error lines), its error records, and a terminating error.
    # One working folder per page (its examples go on from one another's files), a new one for each README block.
    $dir = Join-Path $WorkRoot $(if ($Page -and $Page -ne 'README') { $Page } else { [guid]::NewGuid().ToString('n') })
    $fresh = -not (Test-Path -LiteralPath $dir)
    New-Item -ItemType Directory -Path $dir -Force | Out-Null
    $rs = [runspacefactory]::CreateRunspace()
    $rs.Open()
    try {
        $rs.SessionStateProxy.Path.SetLocation($dir) | Out-Null
        $rs.SessionStateProxy.SetVariable('sb', $Sandbox)
        $rs.SessionStateProxy.SetVariable('ModuleUnderTest', $Module)
        $rs.SessionStateProxy.SetVariable('SandboxModule', $SandboxModule)
        $ps = [powershell]::Create($rs)
        $null = $ps.AddScript($script:DocExamplePreamble).Invoke()
        if ($ps.Streams.Error.Count -gt 0) { throw "The preamble failed: $($ps.Streams.Error[0])" }
        $ps.Commands.Clear()
        foreach ($key in @($(if ($fresh) { $Page }), "$Page (each)", $Name) | Where-Object { $_ -and $script:DocExamplePagePreamble.ContainsKey($_) }) {
            $null = $ps.AddScript($script:DocExamplePagePreamble[$key]).Invoke()
            if ($ps.Streams.Error.Count -gt 0) { throw "The preamble of $key failed: $($ps.Streams.Error[0])" }
            $ps.Commands.Clear()
        }
        $ps.Streams.ClearStreams()
        $terminating = $null
        # Statement by statement, as a console runs the lines pasted into it: each one's output formatted on its own.
        $tokens = $null; $parseErrors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref]$tokens, [ref]$parseErrors)
        $statements = if ($parseErrors.Count -eq 0 -and $ast.EndBlock -and -not $ast.BeginBlock -and -not $ast.ProcessBlock) { @($ast.EndBlock.Statements | ForEach-Object { $_.Extent.Text }) } else { @($Code) }
        $lines = [System.Collections.Generic.List[string]]::new()
        $errors = [System.Collections.Generic.List[object]]::new()
        # The examples' local sandbox (./build.ps1 -Task Sandbox -Port 5000) is this test's sandbox.
        $statements = @($statements | ForEach-Object { $_.Replace('http://127.0.0.1:5000', $Sandbox.BaseAddress) })
        foreach ($statement in $statements) {
            $ps.Commands.Clear(); $ps.Streams.ClearStreams()
            try {
                $out = $ps.AddScript(". {`n$statement`n} | Out-String -Width $Width -Stream").Invoke()
                foreach ($o in $out) { $lines.Add("$o") }
            }
            catch { $terminating = $_.Exception.InnerException ?? $_.Exception }
            foreach ($i in $ps.Streams.Information) { $lines.Add("$i") }
            foreach ($w in $ps.Streams.Warning) { $lines.Add("WARNING: $w") }
            foreach ($e in $ps.Streams.Error) { $lines.Add("$e"); $errors.Add($e) }
            if ($terminating) { break }
        }
        [pscustomobject]@{ Text = ($lines -join "`n"); Errors = $errors.ToArray(); Terminating = $terminating }
    }
    finally { $rs.Dispose() }
}

