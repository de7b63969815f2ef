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
$secret = ConvertTo-SecureString 'not-a-real-secret' -AsPlainText -Force
$standardUserToken = ConvertTo-SecureString $sb.Tokens['standard'] -AsPlainText -Force
$live = @(Get-TallyfyRun -Status active -First 3)
if ($live.Count -eq 0) { $live = @(Get-TallyfyRun -First 3) }
$runId = $live[0].Id
$ids = $live.Id
$taskId = if ($runId) { @(Get-TallyfyTask -RunId $runId)[0].Id }
Get-TallyfyRun -Status complete -First 3 | Select-Object Id | Export-Csv ./old-runs.csv -NoTypeInformation
@"
Name,Requested by,Department,Audit period end,Auditor email
Q4 audit - Finance,Dana Whitfield,Finance,2026-12-31,jonas.berg@acme.example
Q4 audit - Payroll,Dana Whitfield,Payroll,2026-12-31,jonas.berg@acme.example
"@ | Set-Content ./launches.csv
function pwsh {
    # A child pwsh with the module, signed in from the TALLYFY_* variables as a runbook would be.
    $exe = [Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $pre = @(if ((Split-Path $exe -Leaf) -like 'dotnet*') { Join-Path $PSHOME 'pwsh.dll' })
    $cmd = $args[$args.Count - 1]
    $rest = @($args | Select-Object -First ($args.Count - 1))
    & $exe @pre -NoProfile @($rest | Where-Object { $_ -ne '-Command' }) -Command "`$PSStyle.OutputRendering = 'PlainText'; Import-Module '$ModuleUnderTest'; $cmd" 2>&1 | ForEach-Object { "$_" }
}
'@


# What the examples of one page assume beyond the common preamble (files they read), made from the sandbox.
$script:DocExamplePagePreamble = @{
    'Get-TallyfyJournal' = @'
$null = Get-TallyfyRun -Status complete -First 3 | Remove-TallyfyRun -Permanent -Force -Journal ./retention.journal
$null = New-Item -ItemType Directory ./journals
Copy-Item ./retention.journal ./journals/retention.journal
'@
    'Import-TallyfyBackup' = @'
$null = Get-TallyfyRun -Status complete -First 3 | Export-TallyfyRun -Path ./backups
'@
}

function Invoke-DocExample([string] $Code, $Sandbox, [string] $Module, [string] $SandboxModule, [string] $WorkRoot, [int] $Width = 250, [string] $Page) {
    # Runs the block in a fresh runspace: its rendered output (as a console of 250 columns shows it, with the
    # information, warning and error lines), its error records, and a terminating error.
    $dir = Join-Path $WorkRoot ([guid]::NewGuid().ToString('n'))
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
        if ($Page -and $script:DocExamplePagePreamble.ContainsKey($Page)) {
            $null = $ps.AddScript($script:DocExamplePagePreamble[$Page]).Invoke()
            if ($ps.Streams.Error.Count -gt 0) { throw "The preamble of $Page failed: $($ps.Streams.Error[0])" }
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

