# Tallyfy's throttling (no per-minute budget): burst throttling is waited out, an hourly cap (comments, guest
# invites) or any Retry-After above -MaxWaitSec is never waited for: its action ends NotAttempted with one
# RateLimited error, and a rerun with -Journal after the sandbox's clock moved an hour finishes the work.
# Through a real pwsh against a real sandbox process; the file owns its sandbox (limits, faults, switches, clock).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 20
    $script:org = $sb.OrganizationId
    function script:Fresh {
        Reset-TallyfySandbox $sb -Runs 20
        $null = Connect-TallyfySandbox $sb
    }
    function script:OneOffTaskId {
        (Get-TallyfyTask -OneOff -Status active -First 1).Id
    }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'The hourly comment cap' {
    It 'ends 130 comments within the cap with 120 Added and 10 NotAttempted (one RateLimited), and a rerun with the journal an hour later adds the 10' {
        Fresh
        $taskId = OneOffTaskId
        $j = Join-Path $TestDrive 'j.json'
        $before = @((Get-TallyfySandboxState $sb -TaskId $taskId).threads).Count
        $seq = LastSeq
        $out = @(1..130 | ForEach-Object { $taskId } | Add-TallyfyComment -Text x -Journal $j -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)

        $out.Count | Should -Be 130
        @($out | Where-Object Status -eq 'Added').Count | Should -Be 120
        @($out | Where-Object Status -eq 'NotAttempted').Count | Should -Be 10
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].ErrorDetails.Message | Should -Match 'RATE_LIMIT_EXCEEDED'                  # names the cap
        $errs[0].ErrorDetails.Message | Should -Match 'local time \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)'
        $errs[0].ErrorDetails.RecommendedAction | Should -Match "-Journal '.*j\.json'"
        $posts = @(RequestsSince $seq | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/comment' })
        @($posts | Where-Object status -lt 300).Count | Should -Be 120
        @($posts | Where-Object status -eq 429).Count | Should -BeGreaterThan 0
        @($posts | Where-Object status -eq 429).Count | Should -BeLessOrEqual 16             # the cap was learned, not hammered (at most what was in flight)
        @((Get-TallyfySandboxState $sb -TaskId $taskId).threads).Count | Should -Be ($before + 120)

        Move-TallyfySandboxClock $sb -Seconds 3600 | Out-Null                              # "an hour later"
        $seq = LastSeq
        $again = @(1..130 | ForEach-Object { $taskId } | Add-TallyfyComment -Text x -Journal $j -ErrorVariable errs2 -ErrorAction SilentlyContinue)
        $errs2.Count | Should -Be 0
        $again.Count | Should -Be 130
        @($again | Where-Object Status -eq 'Added').Count | Should -Be 130
        $posts = @(RequestsSince $seq | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/comment' })
        $posts.Count | Should -Be 10                                                       # nothing sent for the 120
        @((Get-TallyfySandboxState $sb -TaskId $taskId).threads).Count | Should -Be ($before + 130)
    }

    It 'refuses a journal of another comment text with JournalMismatch, before anything is sent' {
        Fresh
        $taskId = OneOffTaskId
        $j = Join-Path $TestDrive 'other.json'
        $null = $taskId | Add-TallyfyComment -Text 'first text' -Journal $j
        $seq = LastSeq
        { $taskId | Add-TallyfyComment -Text 'another text' -Journal $j } | Should -Throw -ErrorId 'JournalMismatch*'
        @(Mutations $seq) | Should -BeNullOrEmpty
    }
}

Describe 'Burst throttling' {
    It 'waits out a burst 429 with no code, no body and no X-RateLimit-Remaining, told in Verbose, and every item succeeds' {
        Fresh
        $taskId = OneOffTaskId
        Set-TallyfySandboxSwitch $sb @{ burstBody = 'empty'; rateLimitHeaders = 'absent' }
        Set-TallyfySandboxFault $sb -BurstLimit 2 -BurstWindowSeconds 1
        $seq = LastSeq
        try {
            $out = @(1..6 | ForEach-Object { $taskId } | Add-TallyfyComment -Text 'Paced' -ThrottleLimit 4 -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue 4>&1)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $results = @($out | Where-Object { $_ -is [TallyfyPS.Model.TallyfyCommentResult] })
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $errs.Count | Should -Be 0
        $results.Status | Should -Be (@('Added') * 6)
        $log = @(RequestsSince $seq)
        @($log | Where-Object { $_.status -eq 429 -and $_.fault -eq 'burst' }).Count | Should -BeGreaterThan 0
        $verbose | Where-Object { $_ -match '429' -and $_ -match 'waiting' } | Should -Not -BeNullOrEmpty     # never silently
    }
}

Describe 'A Retry-After above -MaxWaitSec' {
    It 'ends a listing with RateLimited instead of waiting' {
        Fresh
        $null = Connect-TallyfySandbox $sb -MaxWaitSec 30
        (Get-TallyfyContext).MaxWaitSec | Should -Be 30
        Set-TallyfySandboxFault $sb @{ throttleRate = 1.0; throttleRetryAfterSeconds = 120; methods = @('GET') }
        $seq = LastSeq
        try {
            $runs = @(Get-TallyfyRun -ErrorVariable errs -ErrorAction SilentlyContinue)
        }
        finally { Set-TallyfySandboxFault $sb @{} }
        $runs.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].ErrorDetails.Message | Should -Match '2 min 0 s'
        $errs[0].ErrorDetails.Message | Should -Match 'MaxWaitSec 30'
        @(RequestsSince $seq).Count | Should -Be 1                                           # one try: nothing waited, nothing retried
    }
}

Describe 'The hourly guest-invite cap' {
    It 'creates tasks for new guests up to the cap; the rest are NotAttempted with one RateLimited, and nothing is invited past it' {
        Fresh
        Invoke-TallyfySandboxControl $sb PUT limits @{ guestInvitesPerWindow = 2 } | Out-Null
        $rows = 1..4 | ForEach-Object { [pscustomobject]@{ Title = "For new guest $_"; Deadline = '2026-12-31T17:00:00Z'; Owner = "new.guest$_@invite.example" } }
        $seq = LastSeq
        $out = @($rows | New-TallyfyTask -AllowNewGuest -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 4
        $out.Status | Should -Be 'Created', 'Created', 'NotAttempted', 'NotAttempted'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RateLimited,*'
        $errs[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $errs[0].ErrorDetails.Message | Should -Match 'guest'
        $creates = @(RequestsSince $seq | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/tasks' })
        @($creates | Where-Object status -eq 429).Count | Should -Be 1                          # learned once, the last row not sent
        $creates.Count | Should -Be 3
        $guests = @(Get-TallyfyGuest).Email
        $guests | Should -Contain 'new.guest2@invite.example'
        $guests | Should -Not -Contain 'new.guest3@invite.example'
    }
}
