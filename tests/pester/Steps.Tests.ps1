# Template steps and their assignees: Get-TallyfyTemplate -Include Steps and Set-TallyfyTemplateStep, through a real pwsh
# against a real sandbox process (this file owns its sandbox). The sandbox reproduces Tallyfy's step-update traps: each
# bucket (assignees, guests, groups) replaces, so one left out detaches everyone in it, and the title is required (422).
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:sb = Start-TallyfySandbox -Runs 60
    $script:org = $sb.OrganizationId
    $null = Connect-TallyfySandbox $sb
    $script:financeTeam = '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d01'
    $script:peopleOps = '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d02'
    $script:legal = '9a1c0e5d7b3f4a2e8c6d0b1a2f3e4d06'
    function script:Audit { Get-TallyfyTemplate -Name 'Quarterly audit' -Include Steps }
    # The step as the sandbox stores it, read past the module.
    function script:RawStep([string] $TemplateId, [string] $StepId) {
        (Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/checklists/$TemplateId/steps/$StepId").Body.data
    }
    function script:Guests { @((Invoke-TallyfySandboxApi -Sandbox $sb -Path "organizations/$org/guests?per_page=999").Body.data.email) }
    function script:Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
}
AfterAll {
    Disconnect-Tallyfy
    Stop-TallyfySandbox $script:sb
}

Describe 'Get-TallyfyTemplate -Include Steps' {
    BeforeAll { Reset-TallyfySandbox $sb }

    It 'gives each step its assignees: members by id and email, guests, groups by id and name' {
        $first = (Audit).Steps[0]
        $first.Title | Should -Be 'Collect ledgers'
        $first.TemplateId | Should -Be (Audit).Id
        $first.Assignees | Should -BeOfType ([TallyfyPS.Model.TallyfyTaskOwners])
        $first.Assignees.Users | Should -Be @(1002, 1005)
        $first.Assignees.UserEmails | Should -Be @('marco.reyes@acme.example', 'sofia.rossi@acme.example')
        $first.Assignees.Guests | Should -Be @('olga.petrov@contoso.example')
        $first.Assignees.Groups | Should -Be @($financeTeam)
        $first.Assignees.GroupNames | Should -Be @('Finance team')
        "$($first.Assignees)" | Should -Be 'marco.reyes@acme.example, sofia.rossi@acme.example, olga.petrov@contoso.example, Finance team'
        (Audit).Steps[1].Assignees.Users | Should -BeNullOrEmpty
        # The same by id and in a listing.
        (Get-TallyfyTemplate -Id (Audit).Id -Include Steps).Steps[0].Assignees.UserEmails | Should -Be @('marco.reyes@acme.example', 'sofia.rossi@acme.example')
    }

    It 'shows Assignees in the step table, within 80 and 120 columns' {
        $steps = (Audit).Steps
        foreach ($width in 80, 120) {
            $text = $steps | Format-Table | Out-String -Width $width
            $lines = $text -split '\r?\n' | Where-Object { $_.Trim() }
            $lines[0] | Should -Match '^Id\s+Pos\s+Title\s+Assignees\s*$'
            $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $width }
            $text | Should -Match 'Partner sign-off\s+dana\.whitfield@'
        }
        ($steps[0] | Format-List | Out-String) | Should -Match 'Assignees\s*:\s*marco\.reyes@acme\.example, sofia\.rossi@acme\.example, olga\.petrov@contoso\.example, Finance team'
    }
}

Describe 'Set-TallyfyTemplateStep' {
    BeforeEach { Reset-TallyfySandbox $sb }

    It 'trap: adds and removes one person and keeps every other member, guest and group, and the title (all three buckets sent)' {
        $t = Audit
        $step = $t.Steps[0]
        $since = LastSeq
        $r = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $step.Id -AddAssignee liam.oconnor@acme.example -RemoveAssignee marco.reyes@acme.example
        $r | Should -BeOfType ([TallyfyPS.Model.TallyfyStepUpdateResult])
        $r.Status | Should -Be 'Updated'
        $r.HttpStatus | Should -Be 200
        $r.Attempts | Should -Be 2
        $r.PerformedBy | Should -Be 'dana.whitfield@acme.example'
        # One read and one write for the step.
        @(RequestsSince $since | Where-Object path -like "*/steps/$($step.Id)" | ForEach-Object method) | Should -Be @('GET', 'PUT')
        # What the sandbox stores: had the client left a bucket out, the sandbox would have emptied it; had it left the
        # title out, the sandbox would have answered 422 and stored nothing.
        $raw = RawStep $t.Id $step.Id
        @($raw.assignees) | Should -Be @(1005, 1004)
        @($raw.guests) | Should -Be @('olga.petrov@contoso.example')
        @($raw.groups) | Should -Be @($financeTeam)
        $raw.title | Should -Be 'Collect ledgers'
        $raw.summary | Should -Be 'Collect ledgers.'
        $r.Assignees.UserEmails | Should -Be @('sofia.rossi@acme.example', 'liam.oconnor@acme.example')
        $r.Assignees.GroupNames | Should -Be @('Finance team')
    }

    It 'trap: taking off a group or a guest by name leaves the other buckets whole' {
        $t = Audit
        $step = $t.Steps[0]
        $null = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $step.Id -RemoveAssignee 'Finance team'
        $raw = RawStep $t.Id $step.Id
        @($raw.assignees) | Should -Be @(1002, 1005)
        @($raw.guests) | Should -Be @('olga.petrov@contoso.example')
        @($raw.groups) | Should -BeNullOrEmpty
        $null = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $step.Id -RemoveAssignee olga.petrov@contoso.example -AddAssignee 'Legal'
        $raw = RawStep $t.Id $step.Id
        @($raw.assignees) | Should -Be @(1002, 1005)
        @($raw.guests) | Should -BeNullOrEmpty
        @($raw.groups) | Should -Be @($legal)
    }

    It 'the trap is real: an update without a bucket detaches everyone in it, and one without a title is refused' {
        $t = Audit
        $step = $t.Steps[0]
        $r = Invoke-TallyfySandboxApi -Sandbox $sb -Method PUT -Path "organizations/$org/checklists/$($t.Id)/steps/$($step.Id)" -Body @{ assignees = @(1002) }
        $r.Status | Should -Be 422
        $r = Invoke-TallyfySandboxApi -Sandbox $sb -Method PUT -Path "organizations/$org/checklists/$($t.Id)/steps/$($step.Id)" -Body @{ title = 'Collect ledgers'; assignees = @(1002) }
        $r.Status | Should -Be 200
        @((RawStep $t.Id $step.Id).guests) | Should -BeNullOrEmpty
        @((RawStep $t.Id $step.Id).groups) | Should -BeNullOrEmpty
    }

    It 'sends nothing for a step that has everyone to add (AlreadyAssigned) or no one to remove (NotAssigned)' {
        $t = Audit
        $since = LastSeq
        $a = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $t.Steps[0].Id -AddAssignee 'sofia.rossi@acme.example', 'Finance team', olga.petrov@contoso.example
        $a.Status | Should -Be 'AlreadyAssigned'
        $a.Succeeded | Should -BeTrue
        $a.Message | Should -Match 'nothing was sent'
        "$($a.Assignees)" | Should -Be 'marco.reyes@acme.example, sofia.rossi@acme.example, olga.petrov@contoso.example, Finance team'
        $n = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $t.Steps[1].Id -RemoveAssignee 1002
        $n.Status | Should -Be 'NotAssigned'
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'changes a step given twice once: the second input of a removal is NotAssigned (not AlreadyAssigned)' {
        $t = Audit
        $step = $t.Steps[0]
        $since = LastSeq
        $r = @(Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $step.Id, $step.Id -RemoveAssignee 'Finance team')
        $r.Status | Should -Be @('Updated', 'NotAssigned')
        @(Mutations $since).Count | Should -Be 1
        @((RawStep $t.Id $step.Id).groups) | Should -BeNullOrEmpty
    }

    It 'refuses an email that is nobody''s (OwnerNotFound, with the nearest address), sends nothing and creates no guest' {
        $t = Audit
        $before = Guests
        $since = LastSeq
        { Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $t.Steps[0].Id -AddAssignee 'liam.oconor@acme.example' } |
            Should -Throw -ErrorId 'OwnerNotFound,TallyfyPS.Cmdlets.SetTallyfyTemplateStepCommand'
        try { Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $t.Steps[0].Id -AddAssignee 'liam.oconor@acme.example' } catch { $err = $_ }
        $err.Exception.Message | Should -Match "did you mean 'liam\.oconnor@acme\.example'"
        $err.ErrorDetails.RecommendedAction + $err.Exception.Message | Should -Not -Match 'AllowNewGuest'
        Mutations $since | Should -BeNullOrEmpty
        Guests | Should -Be $before
    }

    It 'sends nothing under -WhatIf and writes no result' {
        $since = LastSeq
        $out = (Audit).Steps | Set-TallyfyTemplateStep -AddAssignee 1004 -WhatIf
        $out | Should -BeNullOrEmpty
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'changes piped steps of several templates concurrently and writes the results in input order' {
        $steps = @(Get-TallyfyTemplate -Include Steps | ForEach-Object Steps)
        $steps.Count | Should -BeGreaterThan 20
        $results = @($steps | Set-TallyfyTemplateStep -AddAssignee 'jonas.berg@acme.example' -ThrottleLimit 8)
        $results.StepId | Should -Be $steps.Id
        $results.TemplateId | Should -Be $steps.TemplateId
        @($results | Where-Object Status -ne 'Updated') | Should -BeNullOrEmpty
        foreach ($s in $steps | Select-Object -First 6) { @((RawStep $s.TemplateId $s.Id).assignees) | Should -Contain 1008 }
        # Piping the results back changes nothing more.
        $since = LastSeq
        @($results | Set-TallyfyTemplateStep -TemplateId $steps[0].TemplateId -AddAssignee 1008).Status | Sort-Object -Unique | Should -Be 'AlreadyAssigned'
        Mutations $since | Should -BeNullOrEmpty
    }

    It 'hands a step over for the next launch: its task goes to the new person, and the disabled member is not on it' {
        $vendor = Get-TallyfyTemplate -Name 'Vendor onboarding' -Include Steps
        $approve = $vendor.Steps[3]
        $approve.Assignees.Users | Should -Be @(1001, 1007)
        $r = $approve | Set-TallyfyTemplateStep -AddAssignee 'sofia.rossi@acme.example' -RemoveAssignee 1007
        $r.Status | Should -Be 'Updated'
        $run = $vendor | Start-TallyfyRun -Name 'Vendor after handover' -Field @{ 'Requested by' = 'Dana'; Department = 'IT'; 'Vendor contact' = 'sam.lee@northwind.example' } -PassThru
        $task = @(Get-TallyfyTask -RunId $run.Id) | Where-Object Title -eq 'Approve vendor'
        $task.Owners.Users | Should -Be @(1001, 1005)
    }

    It 'refuses a step that names no template, and reports an unknown step NotFound' {
        $t = Audit
        $out = [pscustomobject]@{ StepId = $t.Steps[0].Id } | Set-TallyfyTemplateStep -AddAssignee 1004 -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Status | Should -Be 'Refused'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'InvalidBlueprintId,*'
        $r = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId '0123456789abcdef0123456789abcdef' -AddAssignee 1004 -ErrorVariable errs2 -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'NotFound'
        $errs2[0].FullyQualifiedErrorId | Should -BeLike 'StepNotFound,*'
    }

    It 'is refused for a light member (PermissionDenied) without a change' {
        $light = Connect-TallyfySandbox $sb -As light; $null = Connect-TallyfySandbox $sb
        $t = Audit
        $r = Set-TallyfyTemplateStep -TemplateId $t.Id -StepId $t.Steps[0].Id -AddAssignee 1004 -Session $light -ErrorVariable errs -ErrorAction SilentlyContinue
        $r.Status | Should -Be 'Forbidden'
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        @((RawStep $t.Id $t.Steps[0].Id).assignees) | Should -Be @(1002, 1005)
        $null = Connect-TallyfySandbox $sb
    }

    It 'completes members, guests and groups for -AddAssignee' {
        (Complete 'Set-TallyfyTemplateStep -AddAssignee liam').CompletionText | Should -Contain 'liam.oconnor@acme.example'
        (Complete 'Set-TallyfyTemplateStep -AddAssignee olga').CompletionText | Should -Contain 'olga.petrov@contoso.example'
        (Complete 'Set-TallyfyTemplateStep -RemoveAssignee Peop').CompletionText | Should -Contain "'People Ops'"
    }
}

Describe 'Set-TallyfyTemplateStep -StepId completion' {
    It 'completes the steps of the -TemplateId given, by a word of the title' {
        $t = Get-TallyfyTemplate -Name 'Quarterly audit'
        $m = Complete "Set-TallyfyTemplateStep -TemplateId $($t.Id) -StepId sign"
        $m.CompletionText | Should -Be @('3e17ba96ae04cd3b99869e5600000004')
        $m[0].ToolTip | Should -Match 'Partner sign-off'
    }
}
