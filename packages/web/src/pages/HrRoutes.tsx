/**
 * The HR area, loaded on demand (React.lazy): the staff matrix, posts,
 * secondments, vacancies and the HR dashboard, by path.
 */
import { match } from "../router";
import { HrReportPage } from "./HrReport";
import { PostPage } from "./PostPage";
import { SecondmentPage } from "./SecondmentPage";
import { SecondmentsPage } from "./Secondments";
import { NotFoundPage } from "./NotFound";
import { StaffPage } from "./Staff";
import { VacanciesPage } from "./Vacancies";
import { VacancyPage } from "./VacancyPage";

export default function HrRoutes({ path }: { path: string }) {
  if (path === "/staff") return <StaffPage />;
  if (path === "/staff/report") return <HrReportPage />;
  const post = match("/staff/:id", path);
  if (post) return <PostPage key={post.id} id={post.id!} />;
  if (path === "/secondments") return <SecondmentsPage />;
  const secondment = match("/secondments/:id", path);
  if (secondment) return <SecondmentPage key={secondment.id} id={secondment.id!} />;
  if (path === "/vacancies") return <VacanciesPage />;
  const vacancy = match("/vacancies/:id", path);
  if (vacancy) return <VacancyPage key={vacancy.id} id={vacancy.id!} />;
  return <NotFoundPage />;
}
