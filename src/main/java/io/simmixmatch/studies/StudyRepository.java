package io.simmixmatch.studies;

import org.springframework.data.jpa.repository.JpaRepository;

interface StudyRepository extends JpaRepository<Study, Long> {

}
