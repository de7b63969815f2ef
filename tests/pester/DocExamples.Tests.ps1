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
#   $org         the organization's id;  $secret the sandbox OAuth client's secret (a SecureString)
#   $acme, $globex   sessions of the main and the other organization
#   $standardUserToken   a standard member's token (a SecureString)
#   $ids         three live run ids
#   ./old-runs.csv    an Id column of three completed runs
#   ./launches.csv    two rows for the 'Quarterly audit' template
#   ./people.csv      two invitation rows (Email, FirstName, LastName, Role, Message) for New-TallyfyUser
#   pwsh         a function that runs a child pwsh with the module and the TALLYFY_* variables
#   Read-Host, Get-Credential   answer with the sandbox's tokens and OAuth client secret; $token, $expiredToken
#   http://127.0.0.1:5000       (the examples' local sandbox) is replaced by this test's sandbox address
#   per page (DocExamplePagePreamble): a journal for Get-TallyfyJournal, backups for Import-TallyfyBackup
BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $cases = Read-DocExample (Resolve-Path (Join-Path $PSScriptRoot '../..'))
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    . (Join-Path $PSScriptRoot 'DocExamples.ps1')
    $script:sb = Start-TallyfySandbox
    $script:sandboxModule = (Get-Module TallyfyPS.Sandbox).Path
    $script:work = Join-Path ([IO.Path]::GetTempPath()) ('tallyfy-docexamples-' + [guid]::NewGuid().ToString('n'))
    # Every result status the module writes: the names of its *Status enums.
    $script:statuses = @([TallyfyPS.Model.TallyfySession].Assembly.GetTypes() | Where-Object { $_.IsEnum -and $_.IsPublic -and $_.Name -like 'Tallyfy*Status' } |
            ForEach-Object { [enum]::GetNames($_) } | Sort-Object -Unique)
    $script:savedEnv = @{}
    foreach ($k in 'TALLYFY_ORG_ID', 'TALLYFY_ACCESS_TOKEN', 'TALLYFY_BASE_URI', 'TALLYFY_CLIENT_ID', 'TALLYFY_CLIENT_SECRET', 'TALLYFY_API_TOKEN', 'TALLYFY_BASE_URL', 'TALLYFY_TOKEN_URI') { $script:savedEnv[$k] = [Environment]::GetEnvironmentVariable($k) }
    $env:TALLYFY_ORG_ID = $sb.OrganizationId
    $env:TALLYFY_ACCESS_TOKEN = $sb.Tokens['admin']
    $env:TALLYFY_BASE_URI = $sb.ApiUri
    $env:TALLYFY_CLIENT_ID = $null; $env:TALLYFY_CLIENT_SECRET = $null
    $script:counts = @{ Ran = 0; Illustration = 0 }
    $script:mark = 0
    $script:page = ''


    function Format-Shown([string] $Text) {
        # Spaces evened out, and a quoted path reduced to its file name (the example's folder is not the test's).
        (($Text -replace "(?<=')[^'\s]*[/\\](?=[^/\\']+')", '') -replace '\s+', ' ').Trim()
    }
    function Test-Shown([string] $Message, [string] $Expected) {
        # True when the example's output block shows this error (its first 40 characters).
        $m = Format-Shown $Message
        $e = Format-Shown $Expected
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
        # A freshly seeded sandbox for each page (the examples of a page go on from one another, as they read) and
        # for each README block, where the page before changed something.
        if (($Page -ne $script:page -or $Page -eq 'README') -and @(Get-TallyfySandboxRequest $sb -Since $script:mark -Mutating).Count -gt 0) {
            Reset-TallyfySandbox $sb
            $script:mark = Get-TallyfySandboxLastSeq $sb
        }
        $script:page = $Page
        $script:counts.Ran++
        # A runbook's variables (an example may change or clear them).
        $env:TALLYFY_ORG_ID = $sb.OrganizationId; $env:TALLYFY_ACCESS_TOKEN = $sb.Tokens['admin']; $env:TALLYFY_BASE_URI = $sb.ApiUri
        $env:TALLYFY_API_TOKEN = $null; $env:TALLYFY_BASE_URL = $null; $env:TALLYFY_TOKEN_URI = $null   # the official CLI's names, and the token URL
        $r = Invoke-DocExample -Code $Code -Sandbox $sb -Module $script:ModuleUnderTest -SandboxModule $script:sandboxModule -WorkRoot $script:work -Page $Page -Name $Name
        $r.Terminating | Where-Object { -not (Test-Shown $_.Message $Output) } | Should -BeNullOrEmpty -Because "the block ran to its end ($Source)"
        $unexpected = @($r.Errors | Where-Object { -not (Test-Shown $_.Exception.Message $Output) } | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" })
        $unexpected | Should -BeNullOrEmpty -Because "an example writes only the errors it shows ($Source)"
        # Each error the output block shows ('Cmdlet-Name: message', not a summary line) was written.
        foreach ($line in ($Output -split "`n")) {
            if ($line -match '^([A-Z][a-z]+-[A-Za-z]+): (.+)$' -and $Matches[2] -notmatch '^\d+ \S+\(s\) in ') {
                $shown = Format-Shown $Matches[2]; $shown = $shown.Substring(0, [Math]::Min(40, $shown.Length))
                $written = @($r.Errors | ForEach-Object { $_.Exception.Message }) + @($r.Terminating | ForEach-Object Message) + @($r.Text)
                @($written | Where-Object { (Format-Shown $_).Contains($shown) }).Count | Should -BeGreaterThan 0 -Because "the example shows the error '$line' ($Source); the block wrote:`n$($r.Text)"
            }
        }
        # Statuses the text names are in the output.
        $named = @(
            # (a word after '-' is a parameter, not a status)
            foreach ($m in [regex]::Matches($Output, '(?<![-\w])[A-Za-z]+')) { if ($m.Value -cin $script:statuses) { $m.Value } }
            # In the prose, a status the example is said to write; not one a sentence names for another case (a rerun,
            # a condition, a negation).
            foreach ($sentence in ($Prose -split '(?<=[.:;])\s+')) {
                if ($sentence -match '\b(if|would|again|otherwise|unless|had|when|not|never|no|without|instead)\b') { continue }
                foreach ($m in [regex]::Matches($sentence, '`([A-Za-z]+)`')) { if ($m.Groups[1].Value -cin $script:statuses) { $m.Groups[1].Value } }
            }
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

    It 'has no example that filters on a date with Where-Object''s simple form, which keeps records without that date' {
        # A missing date is $null, and $null -lt (Get-Date) is true: "Where-Object Deadline -lt (Get-Date)" also takes
        # the tasks that have no deadline. Write Where-Object { $_.Deadline -and $_.Deadline -lt (Get-Date) }.
        $all = Read-DocExample (Resolve-Path (Join-Path $PSScriptRoot '../..'))
        @($all | Where-Object { $_.Code -match 'Where-Object\s+\w+\s+-(lt|le)\s' } | ForEach-Object Name) | Should -BeNullOrEmpty
    }
}
