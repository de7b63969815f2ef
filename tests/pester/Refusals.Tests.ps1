# What cannot be undone is not done by default, and refusals come up front: every irreversible prompt defaults to
# No (Enter sends nothing), three refusals for lack of permission in a row stop a call's sending with one error, and
# a host name that does not resolve fails at once. The file owns its sandbox.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 80
    $script:org = $sb.OrganizationId
    $script:connect = "Import-Module '$script:ModuleUnderTest'`n`$null = Connect-Tallyfy -BaseUri '$($sb.ApiUri)' -OrganizationId '$org' -AccessToken (ConvertTo-SecureString 'tly-sandbox-admin-token' -AsPlainText -Force)"
    function script:NewOneOffTask([string] $Title) {
        (Invoke-TallyfySandboxApi -Sandbox $sb -Method POST -Path "organizations/$org/tasks" -Body @{
            title = $Title; task_type = 'task'; owners = @{ users = @(1001); guests = @(); groups = @() } }).Body.data.id
    }
    $script:used = [Collections.Generic.HashSet[string]]::new()
    function script:LiveIds([int] $Count) {
        $ids = @(Get-TallyfySandboxRunId $sb | Where-Object { -not $used.Contains($_) } | Select-Object -First $Count)
        $ids | ForEach-Object { $null = $used.Add($_) }
        $ids
    }
}
AfterAll {
    Set-TallyfySandboxFault $script:sb @{}
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'An irreversible prompt defaults to No' {
    It 'Enter at "Permanently delete" (<Name>) sends nothing and ends Skipped' -ForEach @(
        @{ Name = 'a run'; Command = 'Remove-TallyfyRun'; Kind = 'run'; Extra = '' }
        @{ Name = 'a run, with -Confirm'; Command = 'Remove-TallyfyRun'; Kind = 'run'; Extra = '-Confirm' }
        @{ Name = 'a one-off task'; Command = 'Remove-TallyfyTask'; Kind = 'task'; Extra = '' }
    ) {
        $id = if ($Kind -eq 'run') { @(LiveIds 1)[0] } else { NewOneOffTask 'Prompt default test' }
        $since = LastSeq
        $child = Invoke-ChildPwsh -InputText "`n" -Script @"
$connect
$Command -Id '$id' -Permanent $Extra | ForEach-Object { "RESULT `$(`$_.Status)" }
"@
        $child.Output | Should -Match 'This cannot be undone' -Because $child.Error
        $child.Output | Should -Match ([regex]::Escape('[Y] Yes  [A] Yes to All  [N] No  [L] No to All'))
        $child.Output | Should -Match 'default is "N"'
        $child.Output | Should -Match 'RESULT Skipped'
        @(Mutations $since) | Should -BeNullOrEmpty -Because 'Enter must not delete'
    }

    It '"Yes to All" deletes every run after one question; "No to All" skips every run after one question' {
        $yes = @(LiveIds 3)
        $no = @(LiveIds 3)
        $since = LastSeq
        $child = Invoke-ChildPwsh -InputText "A`nL`n" -Script @"
$connect
'$($yes -join "','")' | Remove-TallyfyRun -Permanent | ForEach-Object { "RESULT `$(`$_.RunId) `$(`$_.Status)" }
'$($no -join "','")' | Remove-TallyfyRun -Permanent | ForEach-Object { "RESULT `$(`$_.RunId) `$(`$_.Status)" }
"@
        foreach ($id in $yes) { $child.Output | Should -Match "RESULT $id Deleted" }
        foreach ($id in $no) { $child.Output | Should -Match "RESULT $id Skipped" }
        ([regex]::Matches($child.Output, 'This cannot be undone')).Count | Should -Be 2
        @(Mutations $since | Where-Object { (RunIdOf $_.Path) -in $no }) | Should -BeNullOrEmpty
    }
}

Describe 'Three refusals for lack of permission stop the sending' {
    BeforeEach { Reset-TallyfySandbox $sb -Runs 80 }

    It 'a light member archiving 50 runs one at a time: 3 refusals, then one error for the 47 NotAttempted' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 50)
        $light = Connect-TallyfySandbox $sb -As light
        $since = LastSeq
        $out = @($ids | Remove-TallyfyRun -Session $light -ThrottleLimit 1 -ErrorAction SilentlyContinue -ErrorVariable errs)
        @(Mutations $since | Where-Object Status -EQ 403).Count | Should -Be 3
        @(Mutations $since).Count | Should -Be 3
        $out.Count | Should -Be 50
        $out.RunId | Should -Be $ids
        @($out | Where-Object Status -EQ 'Forbidden').RunId | Should -Be $ids[0..2]
        @($out | Where-Object Status -EQ 'NotAttempted').Count | Should -Be 47
        $errs.Count | Should -Be 4
        @($errs | ForEach-Object { $_.FullyQualifiedErrorId -replace ',.*' }) | Should -Be @('PermissionDenied', 'PermissionDenied', 'PermissionDenied', 'PermissionDenied')
        $errs[3].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($errs[3])" | Should -Match 'refused DELETE organizations/\{id\}/runs/\{id\} for lack of permission 3 times in a row'
        "$($errs[3])" | Should -Match 'every later one are reported NotAttempted'
        $errs[3].TargetObject | Should -Be $ids[3]
    }

    It 'the same with 16 at a time: at most 16 + 2 refused requests, and every item accounted for' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 50)
        $light = Connect-TallyfySandbox $sb -As light
        $since = LastSeq
        $out = @($ids | Remove-TallyfyRun -Session $light -ErrorAction SilentlyContinue -ErrorVariable errs)
        $refused = @(Mutations $since | Where-Object Status -EQ 403).Count
        # 16 in flight at once; the 3rd refusal opens the breaker before its slot is free, so at most 2 more start.
        $refused | Should -BeLessOrEqual 18
        $out.Count | Should -Be 50
        $forbidden = @($out | Where-Object Status -EQ 'Forbidden')
        $forbidden.Count | Should -Be $refused
        @($out | Where-Object Status -EQ 'NotAttempted').Count | Should -Be (50 - $refused)
        $errs.Count | Should -Be ($refused + 1)
    }

    It 'a refusal in between that is not for lack of permission restarts the count' {
        $ids = @(Get-TallyfySandboxRunId $sb | Select-Object -First 6)
        $light = Connect-TallyfySandbox $sb -As light
        # 403, 403, 404, then 403 three times in a row: only the sixth run is left NotAttempted.
        $mixed = @($ids[0], $ids[1], '0123456789abcdef0123456789abcdef', $ids[2], $ids[3], $ids[4], $ids[5])
        Set-TallyfySandboxFault $sb @{ failIds = @{ '0123456789abcdef0123456789abcdef' = 404 } }
        $out = @($mixed | Remove-TallyfyRun -Session $light -ThrottleLimit 1 -ErrorAction SilentlyContinue -ErrorVariable errs)
        Set-TallyfySandboxFault $sb @{}
        @($out | Where-Object Status -EQ 'NotAttempted').RunId | Should -Be @($ids[5])
        @($out | Where-Object Status -EQ 'Forbidden').RunId | Should -Be $ids[0..4]
        $errs.Count | Should -Be 7
    }
}

Describe 'A host name that does not resolve' {
    It 'Connect-Tallyfy fails at once with ConnectionFailed naming the host, after one attempt and no retry' {
        $err = $null
        $lines = & {
            try {
                $null = Connect-Tallyfy -BaseUri 'https://go.tallyfy.invalid/api' -OrganizationId $org -AccessToken (New-SandboxToken) -MaxRetries 5 -Verbose -WarningVariable warned
            }
            catch { $script:dnsError = $_ }
        } 4>&1
        $err = $script:dnsError
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ConnectionFailed,*'
        "$err" | Should -Match "go\.tallyfy\.invalid' does not resolve"
        "$err" | Should -Match 'not retried'
        $attempts = @($lines | Where-Object { "$_" -match '^GET .*-> no answer' })
        $attempts.Count | Should -Be 1 -Because "one attempt, no retry: $($lines -join ' | ')"
        @($warned) | Should -BeNullOrEmpty -Because 'no "retrying" warning'
    }
}
