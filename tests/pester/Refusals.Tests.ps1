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
