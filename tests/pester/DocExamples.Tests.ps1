# Every example runs: each ```powershell block of README.md and each example of the cmdlet help (docs/en-US/*.md, the
# source of Get-Help -Examples) is run against a freshly seeded sandbox this file owns, in a fresh runspace, in a temp
# working folder, against the module under test. It fails on an error record or a terminating error the example's
# text does not show, and on output that contradicts the text: a result status the text names (in its output block,
# or in backticks in its prose) must be in what the block wrote, and the column headers of the output block's tables
# must be in the block's rendered output.
#
# A block that cannot run against a sandbox is marked, in the markdown, on the line just before its fence:
#     <!-- illustration: the reason it cannot run here -->
# It is counted, not run; a marker without a reason fails.
#
# What the examples assume (the preamble every block gets, from the sandbox; see docs/testing-your-runbooks.md):
#   a session connected as the administrator, and TALLYFY_ORG_ID, TALLYFY_ACCESS_TOKEN and TALLYFY_BASE_URI set
#   $runId       a live run;  $taskId a task of it
#   $org         the organization's id;  $secret a SecureString
#   $acme, $globex   sessions of the main and the other organization
#   $standardUserToken   a standard member's token (a SecureString)
#   $ids         three live run ids
#   ./old-runs.csv    an Id column of three completed runs
#   ./launches.csv    two rows for the 'Quarterly audit' template
#   pwsh         a function that runs a child pwsh with the module and the TALLYFY_* variables
BeforeDiscovery {
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
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
    $readme = Get-Content (Join-Path $root 'README.md')
    $n = 0
    foreach ($f in @(Read-Fence $readme | Where-Object Lang -eq 'powershell')) {
        $n++
        $cases.Add(@{ Source = 'README.md'; Page = 'README'; Name = "README.md block $n (line $($f.StartLine))"; Code = $f.Text; Output = ''; Prose = ''; Marker = $f.Marker })
    }
    # Help: each '### Example' of each cmdlet page: its first powershell block is the code, the next code block its output.
    foreach ($file in Get-ChildItem (Join-Path $root 'docs/en-US') -Filter '*-*.md') {
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
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox
    $script:sandboxModule = (Get-Module TallyfyPS.Sandbox).Path
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-docexamples-' + [guid]::NewGuid().ToString('n'))
    # Every result status the module writes: the names of its *Status enums.
    $script:statuses = @([TallyfyPS.Model.TallyfySession].Assembly.GetTypes() | Where-Object { $_.IsEnum -and $_.IsPublic -and $_.Name -like 'Tallyfy*Status' } |
            ForEach-Object { [enum]::GetNames($_) } | Sort-Object -Unique)
    $script:savedEnv = @{}
    foreach ($k in 'TALLYFY_ORG_ID', 'TALLYFY_ACCESS_TOKEN', 'TALLYFY_BASE_URI', 'TALLYFY_CLIENT_ID', 'TALLYFY_CLIENT_SECRET') { $script:savedEnv[$k] = [Environment]::GetEnvironmentVariable($k) }
    $env:TALLYFY_ORG_ID = $sb.OrganizationId
    $env:TALLYFY_ACCESS_TOKEN = $sb.Tokens['admin']
    $env:TALLYFY_BASE_URI = $sb.ApiUri
    $env:TALLYFY_CLIENT_ID = $null; $env:TALLYFY_CLIENT_SECRET = $null
    $script:counts = @{ Ran = 0; Illustration = 0 }
    $script:mark = 0

    $script:preamble = @'
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
$runId = $live[0].Id
$ids = $live.Id
$taskId = @(Get-TallyfyTask -RunId $runId)[0].Id
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
    & $exe @pre -NoProfile @($rest | Where-Object { $_ -ne '-Command' }) -Command "Import-Module '$ModuleUnderTest'; $cmd" 2>&1 | ForEach-Object { "$_" }
}
'@

    function Invoke-Example([string] $Code) {
        # Runs the block in a fresh runspace: its rendered output (as a console of 250 columns shows it, with the
        # information, warning and error lines), its error records, and a terminating error.
        $dir = Join-Path $script:work ([guid]::NewGuid().ToString('n'))
        New-Item -ItemType Directory -Path $dir -Force | Out-Null
        $rs = [runspacefactory]::CreateRunspace()
        $rs.Open()
        try {
            $rs.SessionStateProxy.Path.SetLocation($dir) | Out-Null
            $rs.SessionStateProxy.SetVariable('sb', $script:sb)
            $rs.SessionStateProxy.SetVariable('ModuleUnderTest', $script:ModuleUnderTest)
            $rs.SessionStateProxy.SetVariable('SandboxModule', $script:sandboxModule)
            $ps = [powershell]::Create($rs)
            $null = $ps.AddScript($script:preamble).Invoke()
            if ($ps.Streams.Error.Count -gt 0) { throw "The preamble failed: $($ps.Streams.Error[0])" }
            $ps.Commands.Clear(); $ps.Streams.ClearStreams()
            $terminating = $null
            $text = ''
            try {
                $out = $ps.AddScript(". {`n$Code`n} | Out-String -Width 250 -Stream").Invoke()
                $text = ($out | ForEach-Object { "$_" }) -join "`n"
            }
            catch { $terminating = $_.Exception.InnerException ?? $_.Exception }
            $extra = @($ps.Streams.Information | ForEach-Object { "$_" }) + @($ps.Streams.Warning | ForEach-Object { "WARNING: $_" }) + @($ps.Streams.Error | ForEach-Object { "$_" })
            [pscustomobject]@{ Text = ($text + "`n" + ($extra -join "`n")); Errors = @($ps.Streams.Error); Terminating = $terminating }
        }
        finally { $rs.Dispose() }
    }

    function Test-Shown([string] $Message, [string] $Expected) {
        # True when the example's output block shows this error (its first 40 characters, spaces evened out).
        $m = ($Message -replace '\s+', ' ').Trim()
        $e = ($Expected -replace '\s+', ' ')
        $m.Length -gt 0 -and $e.Contains($m.Substring(0, [Math]::Min(40, $m.Length)))
    }
}

AfterAll {
    if ($script:sb) { Stop-TallyfySandbox $script:sb }
    foreach ($k in $script:savedEnv.Keys) { [Environment]::SetEnvironmentVariable($k, $script:savedEnv[$k]) }
    if ($script:work) { Remove-Item -LiteralPath $script:work -Recurse -Force -ErrorAction SilentlyContinue }
    Write-Host "Examples run: $($script:counts.Ran); marked illustration only: $($script:counts.Illustration)"
}

Describe 'Every example of README.md and of the help runs against a sandbox' {
    It '<Name>' -ForEach $cases {
        if ($Marker) {
            $Marker | Should -Match '^<!--\s*illustration:\s*\S.{9,}-->$' -Because "an illustration-only marker says why the block cannot run against a sandbox ($Source)"
            $script:counts.Illustration++
            Set-ItResult -Skipped -Because "illustration only: $Marker"
            return
        }
        # A freshly seeded sandbox for each block that follows a change.
        if (@(Get-TallyfySandboxRequest $sb -Since $script:mark -Mutating).Count -gt 0) { Reset-TallyfySandbox $sb }
        $script:mark = Get-TallyfySandboxLastSeq $sb
        $script:counts.Ran++
        $r = Invoke-Example $Code
        $r.Terminating | Where-Object { -not (Test-Shown $_.Message $Output) } | Should -BeNullOrEmpty -Because "the block ran to its end ($Source)"
        $unexpected = @($r.Errors | Where-Object { -not (Test-Shown $_.Exception.Message $Output) } | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" })
        $unexpected | Should -BeNullOrEmpty -Because "an example writes only the errors it shows ($Source)"
        # Statuses the text names are in the output.
        $named = @(
            foreach ($w in ($Output -split '[^A-Za-z]+')) { if ($w -cin $script:statuses) { $w } }
            foreach ($m in [regex]::Matches($Prose, '`([A-Za-z]+)`')) { if ($m.Groups[1].Value -cin $script:statuses -and $Prose -notmatch "(not|never|no)\s+``$($m.Groups[1].Value)``") { $m.Groups[1].Value } }
        ) | Sort-Object -Unique
        foreach ($s in $named) { $r.Text | Should -MatchExactly "\b$s\b" -Because "the example's text names the status $s ($Source); the block wrote:`n$($r.Text)" }
        # The column headers of each table the output block shows are in the rendered output.
        $outLines = $Output -split "`n"
        for ($i = 0; $i -lt $outLines.Count - 1; $i++) {
            if ($outLines[$i + 1] -match '^\s*-{2,}(\s+-{2,})*\s*$' -and $outLines[$i].Trim()) {
                foreach ($h in ($outLines[$i].Trim() -split '\s{1,}')) {
                    $r.Text | Should -Match "(?m)(^|\s)$([regex]::Escape($h))(\s|$)" -Because "the example shows a column '$h' ($Source); the block wrote:`n$($r.Text)"
                }
            }
        }
    }
}
