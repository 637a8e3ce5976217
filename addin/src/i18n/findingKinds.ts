/** Short names of each kind of finding (checks.md): kept in shared/ so the command line words them alike. */
export { FINDING_KIND } from '../../../shared/findings/kinds';
